import { MARK_END, MARK_START } from "@/lib/search/marks";

/**
 * Text with the search's marked words (between MARK_START and MARK_END, from ts_headline) as
 * <mark> elements: the text stays text, no markup from the database reaches the page.
 */
export function MarkedText({ text }: { text: string }) {
  const parts = text.split(MARK_START);
  return (
    <>
      {parts.map((part, i) => {
        if (i === 0) return part;
        const end = part.indexOf(MARK_END);
        if (end === -1) return part;
        return (
          <span key={i}>
            <mark>{part.slice(0, end)}</mark>
            {part.slice(end + MARK_END.length)}
          </span>
        );
      })}
    </>
  );
}
