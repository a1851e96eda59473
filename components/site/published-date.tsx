import { formatDate, formatDateTime } from "@/lib/format/dates";

/** "29 April 2024" in a <time datetime>, optionally with a label ("Published"). */
export function PublishedDate({ iso, label, withTime = false }: { iso: string; label?: string; withTime?: boolean }) {
  return (
    <>
      {label && `${label} `}
      <time dateTime={iso}>{withTime ? formatDateTime(iso) : formatDate(iso)}</time>
    </>
  );
}
