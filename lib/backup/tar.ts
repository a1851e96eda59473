import type { Writable } from "node:stream";

// The tar format (POSIX ustar) of a backup archive, written and read as a stream: a 512-byte
// header per file, the file padded to 512 bytes, two empty blocks at the end. Only what a backup
// holds: regular files with names of at most 100 bytes. `tar tzf` lists an archive.

const BLOCK = 512;
const END = Buffer.alloc(2 * BLOCK);

export class ArchiveFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArchiveFormatError";
  }
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, "0") + "\0";
}

function checksum(header: Buffer): number {
  let sum = 0;
  for (let index = 0; index < BLOCK; index++) sum += index >= 148 && index < 156 ? 0x20 : header[index]!;
  return sum;
}

export function tarHeader(name: string, size: number, mtime: Date): Buffer {
  const nameBytes = Buffer.from(name, "utf8");
  if (nameBytes.length > 100) throw new Error(`Archive entry name too long: ${name}`);
  const header = Buffer.alloc(BLOCK);
  nameBytes.copy(header, 0);
  header.write(octal(0o644, 8), 100, "ascii");
  header.write(octal(0, 8), 108, "ascii");
  header.write(octal(0, 8), 116, "ascii");
  header.write(octal(size, 12), 124, "ascii");
  header.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, "ascii");
  header.write("0", 156, "ascii");
  header.write("ustar\0" + "00", 257, "ascii");
  header.write(octal(checksum(header), 7) + " ", 148, "ascii");
  return header;
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/** Writes tar entries to `out`, waiting whenever it asks to. */
export class TarWriter {
  constructor(private readonly out: Writable) {}

  private async write(chunk: Buffer): Promise<void> {
    if (this.out.destroyed) throw new Error("The archive's destination was closed");
    if (!this.out.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const done = (error?: Error) => {
          this.out.off("drain", done).off("close", closed).off("error", done);
          if (error) reject(error);
          else resolve();
        };
        const closed = () => done(new Error("The archive's destination was closed"));
        this.out.once("drain", done).once("close", closed).once("error", done);
      });
    }
  }

  async add(name: string, data: Buffer, mtime: Date): Promise<void> {
    await this.write(tarHeader(name, data.length, mtime));
    await this.write(data);
    await this.write(padding(data.length));
  }

  async finish(): Promise<void> {
    await this.write(END);
  }
}

/** Hands out exactly the number of bytes asked for from a stream of chunks, or fewer at its end. */
class ExactReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private readonly source: AsyncIterator<Buffer>;

  constructor(source: AsyncIterable<Buffer>) {
    this.source = source[Symbol.asyncIterator]();
  }

  async read(size: number): Promise<Buffer> {
    while (this.buffered < size) {
      const next = await this.source.next();
      if (next.done) break;
      this.chunks.push(next.value);
      this.buffered += next.value.length;
    }
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    const taken = all.subarray(0, size);
    const rest = all.subarray(taken.length);
    this.chunks = rest.length ? [rest] : [];
    this.buffered = rest.length;
    return taken;
  }
}

export interface TarEntry {
  name: string;
  data: Buffer;
}

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString("utf8");
}

function parseHeader(header: Buffer): { name: string; size: number } {
  const recorded = Number.parseInt(field(header, 148, 8).trim(), 8);
  if (recorded !== checksum(header)) throw new ArchiveFormatError("a file header in it is damaged (its checksum does not match)");
  if (field(header, 257, 6) !== "ustar") throw new ArchiveFormatError("it is not a tar archive in the ustar format");
  const type = String.fromCharCode(header[156]!);
  if (type !== "0" && type !== "\0") throw new ArchiveFormatError(`it holds an entry of type "${type}", not a regular file`);
  const size = Number.parseInt(field(header, 124, 12).trim(), 8);
  if (!Number.isSafeInteger(size) || size < 0) throw new ArchiveFormatError("a file header in it has no valid size");
  const prefix = field(header, 345, 155);
  const name = field(header, 0, 100);
  return { name: prefix ? `${prefix}/${name}` : name, size };
}

/** The entries of a tar stream, in order; ArchiveFormatError when it is damaged or cut short. */
export async function* readTar(source: AsyncIterable<Buffer>): AsyncGenerator<TarEntry> {
  const reader = new ExactReader(source);
  for (;;) {
    const header = await reader.read(BLOCK);
    if (header.length < BLOCK) throw new ArchiveFormatError("it ends in the middle (truncated)");
    if (header.every((byte) => byte === 0)) return;
    const { name, size } = parseHeader(header);
    const data = await reader.read(size);
    if (data.length < size) throw new ArchiveFormatError(`it ends in the middle of ${name} (truncated)`);
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    if ((await reader.read(pad)).length < pad) throw new ArchiveFormatError(`it ends in the middle of ${name} (truncated)`);
    yield { name, data };
  }
}
