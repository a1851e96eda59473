import { describe, expect, it } from "vitest";
import type { StorySummary } from "@/lib/stories/queries";
import { frontPageOrder } from "./order";

const story = (id: number) => ({ id }) as StorySummary;
const ids = (list: StorySummary[]) => list.map((s) => s.id);

describe("the top of the front page", () => {
  it("is newest first with nothing pinned", () => {
    expect(ids(frontPageOrder({ lead: null, top: [] }, [1, 2, 3].map(story), 2))).toEqual([1, 2]);
  });

  it("puts the pinned lead first, then the pinned top stories, then the newest", () => {
    expect(ids(frontPageOrder({ lead: story(9), top: [story(7), story(8)] }, [1, 2, 3].map(story), 5))).toEqual([9, 7, 8, 1, 2]);
  });

  it("lets the newest story lead when only top stories are pinned", () => {
    expect(ids(frontPageOrder({ lead: null, top: [story(7)] }, [1, 2].map(story), 3))).toEqual([1, 7, 2]);
  });
});
