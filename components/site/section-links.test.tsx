import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { SectionNode } from "@/lib/sections/queries";
import { SectionLinks } from "./section-links";

// The masthead lists sections flat, the footer one level deep with extra items after them, a
// section front its subsections: the same list, as the pages' CSS and tests expect it.

function section(id: number, path: string, name: string, children: SectionNode[] = []): SectionNode {
  return { id, parentId: null, slug: path.split("/").at(-1) ?? path, path, name, description: "", children };
}

const sections = [section(1, "news", "News", [section(2, "news/us", "U.S.", [section(3, "news/us/ohio", "Ohio")])]), section(4, "sport", "Sport")];

describe("a list of section links", () => {
  it("lists sections flat by default", () => {
    expect(renderToStaticMarkup(<SectionLinks sections={sections} />)).toBe(
      '<ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul>',
    );
  });

  it("lists subsections one level down, with the caller's class and extra items", () => {
    const html = renderToStaticMarkup(
      <SectionLinks sections={sections} withSubsections className="footer-sections">
        <li>More</li>
      </SectionLinks>,
    );
    expect(html).toBe(
      '<ul class="footer-sections"><li><a href="/news">News</a><ul><li><a href="/news/us">U.S.</a></li></ul></li>' +
        '<li><a href="/sport">Sport</a></li><li>More</li></ul>',
    );
  });
});
