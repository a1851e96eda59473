import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache, type ReactNode } from "react";
import { SECTION_PAGE_SIZE } from "@/components/site/section-view";
import { loadTopicPage } from "@/lib/routing/resolve-path";
import type { StoryPage } from "@/lib/stories/queries";

// What a tag page and an author page share (app/(site)/tags and authors): the address
// /<kind>/<slug> or /<kind>/<slug>/_before/<id>, one load shared by the metadata and the page, and
// 404 for a topic with nothing published or a cursor outside its list. Each route file keeps its
// own segment settings (Next.js reads them from the file itself).

export interface TopicPage<Topic> {
  topic: Topic;
  before: number | null;
  page: StoryPage;
}

type Props = { params: Promise<{ path: string[] }> };

const NOT_FOUND: Metadata = { title: "Page not found", description: "There is no page at this address." };

export function topicRoute<Topic extends { id: number }>(spec: {
  getTopic: (slug: string) => Promise<Topic | null>;
  filterOf: (topic: Topic) => { tagId: number } | { authorId: number };
  metadata: (loaded: TopicPage<Topic>) => Promise<Metadata>;
  render: (loaded: TopicPage<Topic>) => ReactNode;
}) {
  const load = cache((joined: string) => loadTopicPage(joined.split("/"), spec.getTopic, spec.filterOf, SECTION_PAGE_SIZE));
  return {
    async generateMetadata(props: Props): Promise<Metadata> {
      const loaded = await load((await props.params).path.join("/"));
      return loaded ? spec.metadata(loaded) : NOT_FOUND;
    },
    async Page(props: Props) {
      const loaded = await load((await props.params).path.join("/"));
      if (!loaded) notFound();
      return spec.render(loaded);
    },
  };
}
