#!/usr/bin/env bash
# Regenerates the demo live streams that the app serves itself from public/live/demo/:
#
#   public/live/demo/video/  16 s test pattern (testsrc2, 426x240, 25 fps) with a 440 Hz tone
#                            that beeps once a second; H.264 + AAC-LC.
#   public/live/demo/audio/  20 s: a pip, then a synthesised spoken announcement (about 18 s);
#                            AAC-LC. A rising tone sequence stands in where no speech synthesiser
#                            is available.
#   public/live/demo/radio.mp3  8 s of a two-note chime, MP3 at 32 kb/s: stands in for an Icecast
#                            MP3 stream, the other kind of address Audio Only plays (natively).
#
# Each is a VOD-style HLS playlist (#EXT-X-PLAYLIST-TYPE:VOD ... #EXT-X-ENDLIST) of fragmented
# MP4: index.m3u8, init.mp4 and 4-second segments segNNN.mp4. The player loops it on the client,
# so the demo "Live" pages play forever with no outside service. Both streams are a few hundred
# KB in all and are committed; run this script only to change them.
#
# Why H.264/AAC in fMP4: the broadest reach of any codec pair (hls.js over MSE in Chrome, Edge
# and Firefox; native HLS in Safari/iOS), and Debian's Chromium, the e2e browser, decodes it both
# through MSE and through its own native HLS player. (Chromium builds without proprietary codecs
# cannot; VP9/Opus in fMP4 also played in Debian's Chromium, should one ever be needed.) Segments are named
# .mp4 (not .m4s) so that Next.js serves every file with a media type: .m3u8 is
# application/vnd.apple.mpegurl and .mp4 video/mp4, where .m4s would be application/octet-stream.
#
# Needs: ffmpeg (Debian's package: `apt-get install -y ffmpeg`; its build includes libx264 and
# the flite speech synthesiser). espeak-ng is used for the speech instead if ffmpeg has no flite.
#
# Deterministic: fixed sources, durations, bitrates and GOPs, one encoder thread and bitexact
# muxing, so the same ffmpeg version writes the same bytes every run.
#
# Usage: bash scripts/generate-live-streams.sh   (from anywhere; writes into this checkout)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/public/live/demo"
VIDEO_SECONDS=16   # a multiple of SEGMENT_SECONDS: every segment starts on a keyframe
AUDIO_SECONDS=20
SEGMENT_SECONDS=4
FPS=25
# About 18 s in flite's voice; with the pip before it, the loop ends after about 1.6 s of silence.
SPEECH="This is the Meridian demo audio stream. It is made on this machine by F F M peg, \
and it plays in a loop, so the live player works without any outside service. \
You are hearing synthesised speech. In a real edition, the newsroom's radio programme would be \
heard here. The announcement begins again after the tone."

command -v ffmpeg >/dev/null || { echo "ffmpeg is missing: apt-get install -y ffmpeg" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Options shared by every run: quiet, overwrite, no metadata or version strings in the output.
COMMON=(-hide_banner -loglevel error -y)
BITEXACT=(-map_metadata -1 -fflags +bitexact -flags:v +bitexact -flags:a +bitexact)
# Sets HLS to the output options for a VOD playlist of fMP4 segments in directory $1 (the
# playlist names its init segment and segments relative to itself).
hls_out() {
  mkdir -p "$1"
  HLS=(-f hls -hls_time "$SEGMENT_SECONDS" -hls_playlist_type vod -hls_segment_type fmp4
    -hls_flags independent_segments -hls_fmp4_init_filename init.mp4
    -hls_segment_filename "$1/seg%03d.mp4" "$1/index.m3u8")
}

rm -rf "$OUT/video" "$OUT/audio" "$OUT/radio.mp3"

# --- Video: test pattern + a 440 Hz tone with a one-second beep (beep_factor doubles it) -------
# x264: Main profile level 3.0 (decodes everywhere), ~140 kb/s capped, a keyframe exactly every
# SEGMENT_SECONDS (no scene-cut keyframes) so each segment is independently decodable.
hls_out "$OUT/video"
ffmpeg "${COMMON[@]}" \
  -f lavfi -i "testsrc2=size=426x240:rate=$FPS:duration=$VIDEO_SECONDS" \
  -f lavfi -i "sine=frequency=440:beep_factor=2:sample_rate=48000:duration=$VIDEO_SECONDS" \
  -map 0:v -map 1:a "${BITEXACT[@]}" \
  -c:v libx264 -threads 1 -preset slow -profile:v main -level:v 3.0 -pix_fmt yuv420p \
  -b:v 140k -maxrate 180k -bufsize 280k \
  -g $((FPS * SEGMENT_SECONDS)) -keyint_min $((FPS * SEGMENT_SECONDS)) -sc_threshold 0 \
  -c:a aac -b:a 32k -ac 1 -ar 48000 \
  "${HLS[@]}"

# --- Audio: speech (ffmpeg's flite, else espeak-ng), else a tone sequence -------------------------
# The speech starts after a short 880 Hz pip that marks the loop point and is padded with silence
# to AUDIO_SECONDS. ffmpeg's AAC encoder adds one frame (1024 samples) of priming, so the source is
# cut one frame short: the stream then ends within one frame after AUDIO_SECONDS, and no 21 ms runt
# segment is left at the end of the playlist.
printf '%s\n' "$SPEECH" >"$WORK/speech.txt"
AUDIO_FORMAT="aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=mono"
FILTERS="$(ffmpeg -hide_banner -filters 2>/dev/null)"  # (not piped into grep -q: pipefail + SIGPIPE)
if grep -qE '^ *[.A-Z|]+ +flite ' <<<"$FILTERS"; then
  SOURCE="speech (ffmpeg flite, voice slt)"
  AUDIO_INPUT=(-f lavfi -i "flite=textfile=$WORK/speech.txt:voice=slt")
elif command -v espeak-ng >/dev/null; then
  SOURCE="speech (espeak-ng)"
  espeak-ng -v en-us -s 175 -w "$WORK/speech.wav" -f "$WORK/speech.txt"
  AUDIO_INPUT=(-i "$WORK/speech.wav")
else
  SOURCE="tone sequence (no speech synthesiser found)"
  # Half-second notes climbing a whole-tone scale from 440 Hz, eight to a bar, 0.1 s of silence
  # after each note.
  AUDIO_INPUT=(-f lavfi -i "aevalsrc='0.4*lt(mod(t,0.5),0.4)*sin(2*PI*t*440*pow(2,floor(mod(2*t,8))/6))':s=48000:d=$AUDIO_SECONDS")
fi
hls_out "$OUT/audio"
ffmpeg "${COMMON[@]}" \
  -f lavfi -i "sine=frequency=880:sample_rate=48000:duration=0.25" \
  -f lavfi -i "anullsrc=sample_rate=48000:channel_layout=mono:duration=0.5" \
  "${AUDIO_INPUT[@]}" \
  -filter_complex "[0:a]$AUDIO_FORMAT[pip];[1:a]$AUDIO_FORMAT[gap];[2:a]$AUDIO_FORMAT[body];\
[pip][gap][body]concat=n=3:v=0:a=1,apad,atrim=end_sample=$((AUDIO_SECONDS * 48000 - 1024))[out]" \
  -map "[out]" "${BITEXACT[@]}" \
  -c:a aac -b:a 48k -ac 1 -ar 48000 \
  "${HLS[@]}"

# --- Plain MP3 (as an Icecast server sends it): a chime, two notes a fifth apart, each second ---
ffmpeg "${COMMON[@]}" \
  -f lavfi -i "aevalsrc='0.35*exp(-4*mod(t,1))*sin(2*PI*t*if(lt(mod(t,2),1),523.25,783.99))':s=22050:d=8" \
  -map_metadata -1 -fflags +bitexact -flags:a +bitexact -id3v2_version 0 -write_xing 0 \
  -c:a libmp3lame -b:a 32k -ac 1 -ar 22050 \
  "$OUT/radio.mp3"

echo "Audio source: $SOURCE"
( cd "$OUT" && find . -type f | sort | xargs ls -l | awk '{ printf "%8d  %s\n", $5, $9 }' )
echo "Total: $(du -cb "$OUT"/video/* "$OUT"/audio/* "$OUT"/radio.mp3 | tail -1 | cut -f1) bytes"
