import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ViewsBarChart } from "./bar-chart";
import { dayLabel, hourLabel, viewsLabel } from "./labels";
import { Sparkline } from "./sparkline";

// The charts as markup: a drawing with a name and a description, the same numbers in a table,
// and words instead of a drawing when nobody read anything.

const rows = [
  { key: "2026-12-06", label: "Sun 6 Dec", views: 0 },
  { key: "2026-12-07", label: "Mon 7 Dec", views: 1234 },
];

describe("the newsroom's charts", () => {
  it("labels days, hours and counts as the newsroom reads them", () => {
    expect(dayLabel("2026-12-07")).toBe("Mon 7 Dec");
    // 14:00 UTC is 15:00 in Paris in December.
    expect(hourLabel(new Date("2026-12-07T14:00:00Z"), "Europe/Paris")).toBe("7 Dec, 15:00");
    expect([viewsLabel(1), viewsLabel(0), viewsLabel(1234)]).toEqual(["1 view", "0 views", "1,234 views"]);
  });

  it("draws bars in an SVG named by its title and described, with the numbers in a disclosed table", () => {
    const html = renderToStaticMarkup(<ViewsBarChart title="Views per day" summary="1,234 views in all." header="Day" rows={rows} />);
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="([^"]+)"[^>]*aria-describedby="([^"]+)"/);
    const [, titleId, descId] = html.match(/aria-labelledby="([^"]+)" aria-describedby="([^"]+)"/)!;
    expect(html).toContain(`<title id="${titleId}">Views per day</title>`);
    expect(html).toContain(`<desc id="${descId}">1,234 views in all.</desc>`);
    expect(html.match(/<rect /g)).toHaveLength(2);
    expect(html).toContain("<details");
    expect(html).toContain("<caption>Views per day</caption>");
    expect(html).toContain('<th scope="row">Mon 7 Dec</th><td>1,234</td>');
    expect(html).not.toContain("<script");
  });

  it("says 'No views yet' instead of drawing nothing", () => {
    const none = rows.map((row) => ({ ...row, views: 0 }));
    expect(renderToStaticMarkup(<ViewsBarChart title="Views per day" summary="" header="Day" rows={none} />)).toBe('<p class="empty">No views yet.</p>');
    expect(renderToStaticMarkup(<Sparkline headline="Quiet" days={[{ day: "2026-12-07", views: 0 }]} />)).toContain("No views yet");
  });

  it("draws a sparkline with its total, the days in a visually hidden table", () => {
    const html = renderToStaticMarkup(<Sparkline headline="Busy" days={rows.map((row) => ({ day: row.key, views: row.views }))} />);
    expect(html).toMatch(/<title id="[^"]+">1,234 views in 2 days<\/title>/);
    expect(html).toContain('<polyline class="sparkline-line" points="2,20 82,2">');
    expect(html).toContain('<table class="views-table visually-hidden"><caption>Views of “Busy”, last 2 days</caption>');
  });
});
