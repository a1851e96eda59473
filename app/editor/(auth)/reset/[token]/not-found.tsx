import { LinkGone } from "@/components/editor/link-gone";

// A password reset link that is unknown, expired, used or withdrawn.
export default function ResetLinkGone() {
  return <LinkGone what="password reset" />;
}
