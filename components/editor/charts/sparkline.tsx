import { useId } from "react";
import type { DayViews } from "@/lib/analytics/charts";
import { sparklinePoints } from "./geometry";
import { countLabel, dayLabel, totalOf, viewsLabel } from "./labels";
import { ViewsTable } from "./views-table";

// A story's views over its last days, small enough for a row of the story list: a line drawn in
// SVG on the server, the total beside it, and the days in a visually hidden table.

const BOX = { width: 84, height: 22 };

export function Sparkline({ headline, days }: { headline: string; days: readonly DayViews[] }) {
  const titleId = useId();
  const total = totalOf(days);
  if (total === 0) return <span className="muted sparkline-empty">No views yet</span>;
  return (
    <span className="sparkline">
      <svg viewBox={`0 0 ${BOX.width} ${BOX.height}`} width={BOX.width} height={BOX.height} role="img" aria-labelledby={titleId} focusable="false">
        <title id={titleId}>{`${viewsLabel(total)} in ${days.length} days`}</title>
        <polyline className="sparkline-line" points={sparklinePoints(days.map((day) => day.views), BOX)} />
      </svg>
      <span className="sparkline-total" aria-hidden="true">
        {countLabel(total)}
      </span>
      <ViewsTable
        className="visually-hidden"
        caption={`Views of “${headline}”, last ${days.length} days`}
        header="Day"
        rows={days.map((day) => ({ key: day.day, label: dayLabel(day.day), views: day.views }))}
      />
    </span>
  );
}
