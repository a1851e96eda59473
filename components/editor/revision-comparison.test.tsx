import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RevisionComparison } from "./revision-comparison";

// Changes are marked by <ins>/<del> and said in words too, never by colour alone.

describe("RevisionComparison", () => {
  it("marks an edited word, a chip and a related block in words as well as in <ins>/<del>", () => {
    const html = renderToStaticMarkup(
      <RevisionComparison
        comparison={{
          fields: [{ field: "tags", label: "Tags", kind: "list", added: ["Budget"], removed: ["Council"] }],
          body: [
            { kind: "paragraph", change: "changed", segments: [{ change: "same", text: "Opens at " }, { change: "removed", text: "nine" }, { change: "added", text: "ten" }] },
            { kind: "related", change: "added", segments: [{ change: "added", text: "Related: Library budget" }] },
          ],
        }}
      />,
    );
    const hidden = (text: string) => `<span class="visually-hidden">${text}</span>`;
    expect(html).toContain(`<dt>Tags</dt><dd><ul class="diff-chips"><li><ins>${hidden("[added: ")}+ Budget${hidden("]")}</ins></li><li><del>${hidden("[removed: ")}− Council${hidden("]")}</del></li></ul></dd>`);
    expect(html).toContain(`<p class="diff-line diff-paragraph">Opens at <del>${hidden("[removed: ")}nine${hidden("]")}</del><ins>${hidden("[added: ")}ten${hidden("]")}</ins></p>`);
    expect(html).toContain(`<p class="diff-line diff-related"><ins>${hidden("[added: ")}Related: Library budget${hidden("]")}</ins></p>`);
  });

  it("says when two revisions are the same", () => {
    const same = { kind: "paragraph" as const, change: "same" as const, segments: [{ change: "same" as const, text: "Unchanged." }] };
    expect(renderToStaticMarkup(<RevisionComparison comparison={{ fields: [], body: [same] }} />)).toBe("<p>No differences.</p>");
  });
});
