import { useId } from "react";
import { barRects, largest, scaleTop } from "./geometry";
import { countLabel, totalOf } from "./labels";
import { ViewsTable, type ViewsRow } from "./views-table";

// Views over time as bars, drawn in SVG on the server (no script): a title and a description
// for screen readers, the scale's top and the first and last labels in HTML beside it, and the
// numbers in a table under "Show the numbers". A chart with no views says so instead.

const BOX = { width: 600, height: 120 };

export function ViewsBarChart({ title, summary, header, rows }: { title: string; summary: string; header: string; rows: readonly ViewsRow[] }) {
  const titleId = useId();
  const views = rows.map((row) => row.views);
  if (totalOf(rows) === 0) return <p className="empty">No views yet.</p>;
  return (
    <figure className="views-chart">
      <div className="views-chart-plot">
        <span className="views-chart-top" aria-hidden="true">
          {countLabel(scaleTop(largest(views)))}
        </span>
        <svg viewBox={`0 0 ${BOX.width} ${BOX.height}`} preserveAspectRatio="none" role="img" aria-labelledby={`${titleId}-title`} aria-describedby={`${titleId}-desc`} focusable="false">
          <title id={`${titleId}-title`}>{title}</title>
          <desc id={`${titleId}-desc`}>{summary}</desc>
          {barRects(views, BOX).map((bar, i) => (
            <rect key={rows[i]!.key} className="views-bar" x={bar.x} y={bar.y} width={bar.width} height={bar.height} />
          ))}
          <line className="views-baseline" x1={0} y1={BOX.height} x2={BOX.width} y2={BOX.height} vectorEffect="non-scaling-stroke" />
        </svg>
      </div>
      <div className="views-chart-axis" aria-hidden="true">
        <span>{rows[0]?.label}</span>
        <span>{rows.at(-1)?.label}</span>
      </div>
      <details className="views-chart-numbers">
        <summary>Show the numbers</summary>
        <ViewsTable caption={title} header={header} rows={rows} />
      </details>
    </figure>
  );
}
