import type { Metadata } from "next";
import { ActionForm, Field } from "@/components/editor/action-form";
import { canManageSections } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { MAX_SECTION_DEPTH } from "@/lib/sections/commands";
import { getSectionTree, sectionSubtreeIds, sectionTrail, type SectionNode, type SectionTree } from "@/lib/sections/queries";
import { firstValues, type SearchParams } from "@/lib/http/search-params";
import { createSectionAction, deleteSectionAction, moveSectionAction, updateSectionAction } from "./actions";

export const metadata: Metadata = { title: "Sections" };

const SLUG_HINT = "Lowercase letters, digits and single hyphens. Left empty, it is made from the name.";

/** Names repeat across the tree (Politics under U.S. and World): the path tells them apart. */
function labelsOf(tree: SectionTree): Map<number, string> {
  const nodes = Object.values(tree.byId);
  const count = (name: string) => nodes.filter((node) => node.name === name).length;
  return new Map(nodes.map((node) => [node.id, count(node.name) > 1 ? `${node.name} (/${node.path})` : node.name]));
}

/** Every section as a parent choice, shown as its trail; `except` leaves out a subtree. */
function parentOptions(tree: SectionTree, except?: SectionNode) {
  const excluded = new Set(except ? sectionSubtreeIds(except) : []);
  const flat: SectionNode[] = [];
  const walk = (nodes: SectionNode[]) => {
    for (const node of nodes) {
      flat.push(node);
      walk(node.children);
    }
  };
  walk(tree.roots);
  return [
    { value: "", label: "None: a top-level section" },
    ...flat
      .filter((node) => !excluded.has(node.id))
      .map((node) => ({ value: String(node.id), label: sectionTrail(tree, node.id).map((step) => step.name).join(" › ") })),
  ];
}

type ListProps = { tree: SectionTree; labels: Map<number, string>; depth: number };

function SectionItem({ node, siblings, tree, labels, depth }: ListProps & { node: SectionNode; siblings: SectionNode[] }) {
  const label = labels.get(node.id)!;
  const position = siblings.indexOf(node);
  // Headings follow the nesting, so the outline of the page is the tree.
  const Heading = `h${Math.min(depth + 2, 6)}` as "h2";
  return (
    <li className="panel">
      <Heading>
        {node.name} <code className="muted">/{node.path}</code>
      </Heading>
      {position > 0 && (
        <ActionForm action={moveSectionAction} submitLabel={`Move ${label} up`} className="inline-form">
          <Field type="hidden" name="sectionId" label="" defaultValue={String(node.id)} />
          <Field type="hidden" name="direction" label="" defaultValue="up" />
        </ActionForm>
      )}{" "}
      {position < siblings.length - 1 && (
        <ActionForm action={moveSectionAction} submitLabel={`Move ${label} down`} className="inline-form">
          <Field type="hidden" name="sectionId" label="" defaultValue={String(node.id)} />
          <Field type="hidden" name="direction" label="" defaultValue="down" />
        </ActionForm>
      )}
      <ActionForm action={updateSectionAction} submitLabel={`Save ${label}`}>
        <Field type="hidden" name="sectionId" label="" defaultValue={String(node.id)} />
        <Field name="name" label={`Name of ${label}`} defaultValue={node.name} required />
        <Field name="slug" label={`Slug of ${label}`} defaultValue={node.slug} hint="Changing it moves every story below; their old addresses redirect." />
        <Field
          name="parentId"
          label={`Parent of ${label}`}
          type="select"
          defaultValue={node.parentId === null ? "" : String(node.parentId)}
          options={parentOptions(tree, node)}
        />
        <Field name="description" label={`Description of ${label}`} type="textarea" defaultValue={node.description} />
      </ActionForm>
      <ActionForm action={deleteSectionAction} submitLabel={`Delete ${label}`} danger className="inline-form">
        <Field type="hidden" name="sectionId" label="" defaultValue={String(node.id)} />
      </ActionForm>
      {node.children.length > 0 && <SectionList nodes={node.children} tree={tree} labels={labels} depth={depth + 1} />}
    </li>
  );
}

function SectionList({ nodes, ...props }: ListProps & { nodes: SectionNode[] }) {
  return (
    <ul style={{ listStyle: "none", margin: 0, paddingLeft: props.depth ? "1.5rem" : 0 }}>
      {nodes.map((node) => (
        <SectionItem key={node.id} node={node} siblings={nodes} {...props} />
      ))}
    </ul>
  );
}

export default async function SectionsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser(canManageSections, "/editor/sections");
  const { deleted } = await firstValues(searchParams);
  const tree = await getSectionTree();
  const labels = labelsOf(tree);
  return (
    <>
      <h1>Sections</h1>
      <p className="muted">
        The order and nesting here are the site&apos;s navigation. Sections nest at most {MAX_SECTION_DEPTH} levels deep. A section with no
        stories (none in the trash either) and no subsections can be deleted.
      </p>
      {deleted && (
        <p className="form-success" role="status">
          Section /{deleted} deleted.
        </p>
      )}
      {tree.roots.length ? <SectionList nodes={tree.roots} tree={tree} labels={labels} depth={0} /> : <p>No sections yet.</p>}

      <h2>Add a section</h2>
      <ActionForm action={createSectionAction} submitLabel="Add section">
        <Field name="name" label="Name of the new section" required />
        <Field name="slug" label="Slug of the new section" hint={SLUG_HINT} />
        <Field name="parentId" label="Parent of the new section" type="select" defaultValue="" options={parentOptions(tree)} />
        <Field name="description" label="Description of the new section" type="textarea" />
      </ActionForm>
    </>
  );
}
