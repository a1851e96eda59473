import fs from "node:fs";
import sax from "sax";
import { ArchiveFormatError } from "./model";

// A streaming XML reader for exports too large to hold: sax reads the file chunk by chunk, and
// only the elements asked for (an <item>, a <wp:author>) are built into small trees, handed over
// after each chunk so the caller's database work paces the reading. A malformed or truncated file
// is an ArchiveFormatError naming the line and column.

export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlNode[];
}

/** The text of the first child named `name` (trimmed), or "". */
export function childText(node: XmlNode, name: string): string {
  return node.children.find((child) => child.name === name)?.text.trim() ?? "";
}

export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((child) => child.name === name);
}

/**
 * The elements named in `collect`, whole, wherever they stand in the file, in order; `onOther`
 * sees the text of every other element that has no collected ancestor (the channel's <link>).
 */
export async function* streamElements(
  file: string,
  collect: ReadonlySet<string>,
  onOther?: (path: readonly string[], text: string) => void,
): AsyncGenerator<XmlNode> {
  const parser = sax.parser(true, { trim: false, normalize: false, position: true });
  const ready: XmlNode[] = [];
  const stack: XmlNode[] = [];
  const path: string[] = [];
  const texts: string[] = [];
  let failure: Error | null = null;

  parser.onerror = (error) => {
    failure ??= new ArchiveFormatError(`The XML is malformed at line ${parser.line + 1}, column ${parser.column + 1}: ${error.message.split("\n")[0]}`);
  };
  parser.onopentag = (tag) => {
    path.push(tag.name);
    texts.push("");
    if (stack.length || collect.has(tag.name)) {
      stack.push({ name: tag.name, attributes: tag.attributes as Record<string, string>, text: "", children: [] });
    }
  };
  const onText = (text: string) => {
    const top = stack.at(-1);
    if (top) top.text += text;
    else if (texts.length) texts[texts.length - 1] += text;
  };
  parser.ontext = onText;
  parser.oncdata = onText;
  parser.onclosetag = () => {
    const text = texts.pop() ?? "";
    const node = stack.pop();
    if (node) {
      const parent = stack.at(-1);
      if (parent) parent.children.push(node);
      else ready.push(node);
    } else if (onOther) {
      onOther(path, text);
    }
    path.pop();
  };

  const stream = fs.createReadStream(file, { encoding: "utf8", highWaterMark: 256 * 1024 });
  for await (const chunk of stream) {
    parser.write(chunk as string);
    if (failure) throw failure;
    yield* ready.splice(0);
  }
  parser.close();
  if (failure) throw failure;
  if (path.length) throw new ArchiveFormatError(`The XML ends early (line ${parser.line + 1}): <${path.at(-1)}> is never closed. Is the file complete?`);
  yield* ready.splice(0);
}
