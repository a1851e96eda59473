import type { Metadata } from "next";
import { OffAir } from "@/components/site/off-air";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Audio Only",
  description: "Listen to our live audio stream.",
};

export default function AudioPage() {
  return <OffAir title="Audio Only" kind="audio" />;
}
