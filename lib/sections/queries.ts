import { asc } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { sections } from "@/db/schema";

export interface SectionNode {
  id: number;
  parentId: number | null;
  slug: string;
  /** Full path without slashes at either end: "news/us". */
  path: string;
  name: string;
  description: string;
  children: SectionNode[];
}

export interface SectionTree {
  roots: SectionNode[];
  byPath: Record<string, SectionNode>;
  byId: Record<number, SectionNode>;
}

/** Every section, as a tree ordered by sort order then name. */
export async function getSectionTree(db: Db = getDb()): Promise<SectionTree> {
  const rows = await db
    .select({
      id: sections.id,
      parentId: sections.parentId,
      slug: sections.slug,
      path: sections.path,
      name: sections.name,
      description: sections.description,
    })
    .from(sections)
    .orderBy(asc(sections.sortOrder), asc(sections.name));
  return buildSectionTree(rows);
}

export function buildSectionTree(rows: Omit<SectionNode, "children">[]): SectionTree {
  const byId: Record<number, SectionNode> = {};
  const byPath: Record<string, SectionNode> = {};
  for (const row of rows) {
    const node = { ...row, children: [] };
    byId[row.id] = node;
    byPath[row.path] = node;
  }
  const roots: SectionNode[] = [];
  for (const row of rows) {
    const node = byId[row.id]!;
    const parent = row.parentId === null ? undefined : byId[row.parentId];
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return { roots, byPath, byId };
}

/** The section and its ancestors, outermost first: News, U.S. */
export function sectionTrail(tree: SectionTree, sectionId: number): SectionNode[] {
  const trail: SectionNode[] = [];
  let node = tree.byId[sectionId];
  while (node && trail.length < 20) {
    trail.unshift(node);
    node = node.parentId === null ? undefined : tree.byId[node.parentId];
  }
  return trail;
}

/** Ids of the section and every section below it. */
export function sectionSubtreeIds(node: SectionNode): number[] {
  return [node.id, ...node.children.flatMap(sectionSubtreeIds)];
}
