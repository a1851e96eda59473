import { storyHourlyViews } from "@/lib/analytics/charts";
import { ViewsBarChart } from "./bar-chart";
import { hourLabel, totalOf, viewsLabel } from "./labels";

// A published story's views by hour, under its editor: from the hour it was published, or its
// latest week when older (lib/analytics/charts.ts), hours on the site's clock.

export async function StoryViews({ storyId, publishedAt, timeZone }: { storyId: number; publishedAt: Date; timeZone: string }) {
  const hours = await storyHourlyViews(storyId, { publishedAt });
  const busiest = hours.reduce((best, hour) => (hour.views > best.views ? hour : best), hours[0] ?? { hour: publishedAt, views: 0 });
  const title = `Views by hour since ${hours.length && hours[0]!.hour > publishedAt ? hourLabel(hours[0]!.hour, timeZone) : "publication"}`;
  return (
    <section className="panel story-views" aria-labelledby="story-views-heading">
      <h2 id="story-views-heading">{title}</h2>
      <ViewsBarChart
        title={title}
        summary={`${viewsLabel(totalOf(hours))} in ${hours.length} hours; the most, ${viewsLabel(busiest.views)}, at ${hourLabel(busiest.hour, timeZone)}.`}
        header="Hour"
        rows={hours.map((hour) => ({ key: hour.hour.toISOString(), label: hourLabel(hour.hour, timeZone), views: hour.views }))}
      />
    </section>
  );
}
