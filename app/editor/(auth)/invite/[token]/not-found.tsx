import { LinkGone } from "@/components/editor/link-gone";

// An invitation link that is unknown, expired, used or withdrawn.
export default function InvitationGone() {
  return <LinkGone what="invitation" />;
}
