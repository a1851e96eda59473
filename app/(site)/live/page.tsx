import type { Metadata } from "next";
import { OffAir } from "@/components/site/off-air";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Live",
  description: "Watch our live video stream.",
};

export default function LivePage() {
  return <OffAir title="Live" kind="video" />;
}
