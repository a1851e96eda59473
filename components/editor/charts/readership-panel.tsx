import Link from "next/link";
import type { CurrentUser } from "@/lib/auth/users";
import { canSeeSiteViews } from "@/lib/auth/roles";
import { getCachedSiteDailyViews } from "@/lib/analytics/cached";
import { SITE_DAYS, topStoriesToday } from "@/lib/analytics/charts";
import { ViewsBarChart } from "./bar-chart";
import { dayLabel, totalOf, viewsLabel } from "./labels";

// The dashboard's "What readers read": the site's views per day over 30 days (editors and admins:
// the site's traffic is theirs to watch) and today's most read stories (everyone: readers see
// those stories anyway). Days are the site's (lib/analytics/charts.ts).

async function SiteDays({ timeZone }: { timeZone: string }) {
  const days = await getCachedSiteDailyViews(timeZone);
  const busiest = days.reduce((best, day) => (day.views > best.views ? day : best), days[0]!);
  return (
    <div className="readership-block">
      <h3>The site, last {SITE_DAYS} days</h3>
      <ViewsBarChart
        title={`The site's views per day, last ${SITE_DAYS} days`}
        summary={`${viewsLabel(totalOf(days))} in all; the busiest day was ${dayLabel(busiest.day)}, with ${viewsLabel(busiest.views)}.`}
        header="Day"
        rows={days.map((day) => ({ key: day.day, label: dayLabel(day.day), views: day.views }))}
      />
    </div>
  );
}

async function TopToday({ timeZone }: { timeZone: string }) {
  const top = await topStoriesToday({ timeZone });
  return (
    <div className="readership-block">
      <h3>Today&rsquo;s top stories</h3>
      {top.length === 0 ? (
        <p className="empty">No views yet today.</p>
      ) : (
        <ol className="top-stories">
          {top.map((story) => (
            <li key={story.id}>
              <Link href={`/editor/stories/${story.id}`}>{story.headline}</Link> <span className="muted">{viewsLabel(story.views)}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

export function ReadershipPanel({ user, timeZone }: { user: CurrentUser; timeZone: string }) {
  return (
    <section className="panel readership" aria-labelledby="readership-heading">
      <h2 id="readership-heading">What readers read</h2>
      <div className="readership-blocks">
        {canSeeSiteViews(user) && <SiteDays timeZone={timeZone} />}
        <TopToday timeZone={timeZone} />
      </div>
    </section>
  );
}
