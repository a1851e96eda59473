"use client";

import { mergeAttributes, Node } from "@tiptap/core";
import Link from "@tiptap/extension-link";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useState } from "react";
import { MediaChoices } from "./media-choices";
import { RelatedPicker } from "./related-picker";

// The story body in TipTap (ProseMirror), limited to the node types of the story document:
// paragraphs, headings, lists, quotes, links, images from the library and related-story blocks.

/**
 * Links end where they were made: text typed right after one is plain text. (TipTap's Link is
 * inclusive whenever autolink is on, so a sentence typed after a pasted address joined the link.)
 */
const BodyLink = Link.extend({ inclusive: () => false }).configure({ openOnClick: false, autolink: true, protocols: ["http", "https", "mailto"] });

const RelatedStory = Node.create({
  name: "relatedStory",
  group: "block",
  atom: true,
  selectable: true,
  draggable: true,
  addAttributes() {
    return {
      storyId: {
        default: null,
        parseHTML: (element) => Number(element.getAttribute("data-related-story")),
        renderHTML: (attributes) => ({ "data-related-story": attributes.storyId }),
      },
      // Shown in the editor only; not saved.
      headline: { default: "", parseHTML: (element) => element.textContent ?? "", renderHTML: () => ({}) },
    };
  },
  parseHTML() {
    return [{ tag: "aside[data-related-story]" }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return ["aside", mergeAttributes(HTMLAttributes, { class: "editor-related" }), `Related: ${node.attrs.headline || `story #${node.attrs.storyId}`}`];
  },
});

const BodyImage = Node.create({
  name: "image",
  group: "block",
  atom: true,
  selectable: true,
  draggable: true,
  addAttributes() {
    const data = (name: string) => ({
      default: null,
      parseHTML: (element: HTMLElement) => element.getAttribute(`data-${name}`),
      renderHTML: (attributes: Record<string, unknown>) => ({ [`data-${name}`]: attributes[name] }),
    });
    return { mediaId: data("mediaId"), alt: data("alt"), caption: data("caption"), credit: data("credit"), src: data("src") };
  },
  parseHTML() {
    return [{ tag: "figure[data-media-id]" }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return [
      "figure",
      mergeAttributes(HTMLAttributes, { class: "editor-image" }),
      ["img", { src: node.attrs.src ?? "", alt: node.attrs.alt ?? "" }],
      ["figcaption", {}, `${node.attrs.caption ?? ""} ${node.attrs.credit ?? ""}`.trim() || `Image #${node.attrs.mediaId}`],
    ];
  },
});

function ToolbarButton({ label, active, onClick, disabled }: { label: string; active?: boolean; onClick: () => void; disabled?: boolean }) {
  return (
    <button type="button" className="toolbar-button" aria-pressed={active} onClick={onClick} disabled={disabled}>
      {label}
    </button>
  );
}

function Toolbar({ editor, storyId }: { editor: Editor; storyId: number | null }) {
  const [picking, setPicking] = useState(false);
  const [choosingImage, setChoosingImage] = useState(false);
  const chain = () => editor.chain().focus();
  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Formatting">
      <ToolbarButton label="Bold" active={editor.isActive("bold")} onClick={() => chain().toggleBold().run()} />
      <ToolbarButton label="Italic" active={editor.isActive("italic")} onClick={() => chain().toggleItalic().run()} />
      <ToolbarButton label="Heading" active={editor.isActive("heading", { level: 2 })} onClick={() => chain().toggleHeading({ level: 2 }).run()} />
      <ToolbarButton label="Subheading" active={editor.isActive("heading", { level: 3 })} onClick={() => chain().toggleHeading({ level: 3 }).run()} />
      <ToolbarButton label="Bulleted list" active={editor.isActive("bulletList")} onClick={() => chain().toggleBulletList().run()} />
      <ToolbarButton label="Numbered list" active={editor.isActive("orderedList")} onClick={() => chain().toggleOrderedList().run()} />
      <ToolbarButton label="Quote" active={editor.isActive("blockquote")} onClick={() => chain().toggleBlockquote().run()} />
      <ToolbarButton
        label="Link"
        active={editor.isActive("link")}
        onClick={() => {
          const current = editor.getAttributes("link").href as string | undefined;
          const href = window.prompt("Link address (https://…, mailto:… or /path on this site)", current ?? "https://");
          if (href === null) return;
          if (href.trim() === "") chain().extendMarkRange("link").unsetLink().run();
          else chain().extendMarkRange("link").setLink({ href: href.trim() }).run();
        }}
      />
      <ToolbarButton label="Related story" onClick={() => setPicking((open) => !open)} />
      <ToolbarButton label="Image" onClick={() => setChoosingImage((open) => !open)} />
      {choosingImage && (
        <MediaChoices
          label="Choose an image for the body"
          onChoose={(item) => {
            chain()
              .insertContent({ type: "image", attrs: { mediaId: item.id, alt: item.alt, caption: item.caption, credit: item.credit, src: item.thumb ?? item.src } })
              .run();
            setChoosingImage(false);
          }}
        />
      )}
      {picking && (
        <RelatedPicker
          excludeId={storyId}
          label="Find the story to link"
          onPick={(story) => {
            chain().insertContent({ type: "relatedStory", attrs: { storyId: story.id, headline: story.headline } }).run();
            setPicking(false);
          }}
          onClose={() => setPicking(false)}
        />
      )}
    </div>
  );
}

export function BodyEditor({
  initial,
  storyId,
  onChange,
  invalid,
  editable,
  autoFocus,
}: {
  initial: unknown;
  storyId: number | null;
  onChange: (json: unknown) => void;
  invalid?: boolean;
  /** False for a story the person may read but not change: no typing, no toolbar. */
  editable: boolean;
  /** The cursor starts here (at the end of the text) when the story opens. */
  autoFocus: boolean;
}) {
  const editor = useEditor({
    immediatelyRender: false,
    editable,
    autofocus: editable && autoFocus ? "end" : false,
    extensions: [
      StarterKit.configure({
        code: false,
        codeBlock: false,
        strike: false,
        horizontalRule: false,
        underline: false,
        heading: { levels: [2, 3, 4] },
        link: false,
      }),
      BodyLink,
      RelatedStory,
      BodyImage,
    ],
    content: initial as object,
    editorProps: {
      attributes: {
        class: "body-editor-content",
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": "Story body",
        ...(editable ? {} : { "aria-readonly": "true" }),
        ...(invalid ? { "aria-invalid": "true" } : {}),
      },
    },
    onUpdate: ({ editor: current }) => onChange(current.getJSON()),
  });
  if (!editor) return <div className="body-editor body-editor-loading">Loading the editor…</div>;
  return (
    <div className="body-editor">
      {editable && <Toolbar editor={editor} storyId={storyId} />}
      <EditorContent editor={editor} />
    </div>
  );
}
