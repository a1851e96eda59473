/* eslint-disable @next/next/no-img-element -- newsroom thumbnails of our own uploads */
import type { ReactNode } from "react";
import type { BodyLine, Segment } from "@/lib/stories/revision-diff";
import type { FieldChange, ImageRef } from "@/lib/stories/revision-fields";
import type { RevisionComparison as Comparison } from "@/lib/stories/revisions";

// Two revisions compared (lib/stories/revision-diff.ts): what was added is in <ins>, what was
// removed in <del>, each also marked in words for screen readers and by a line or underline, so
// colour is never the only sign.

function Added({ children }: { children: ReactNode }) {
  return (
    <ins>
      <span className="visually-hidden">[added: </span>
      {children}
      <span className="visually-hidden">]</span>
    </ins>
  );
}

function Removed({ children }: { children: ReactNode }) {
  return (
    <del>
      <span className="visually-hidden">[removed: </span>
      {children}
      <span className="visually-hidden">]</span>
    </del>
  );
}

function Segments({ segments }: { segments: Segment[] }) {
  return segments.map((segment, index) =>
    segment.change === "added" ? <Added key={index}>{segment.text}</Added> : segment.change === "removed" ? <Removed key={index}>{segment.text}</Removed> : segment.text,
  );
}

function HeroImage({ image }: { image: ImageRef | null }) {
  if (!image) return "(none)";
  return (
    <span className="diff-image">
      {image.thumb && <img src={image.thumb} alt="" width={80} height={45} loading="lazy" />}
      {image.alt}
    </span>
  );
}

const Arrow = () => <span aria-hidden="true"> → </span>;

function FieldValue({ change }: { change: FieldChange }) {
  switch (change.kind) {
    case "text":
      return <Segments segments={change.segments} />;
    case "value":
      return (
        <>
          <Removed>{change.before || "(empty)"}</Removed>
          <Arrow />
          <Added>{change.after || "(empty)"}</Added>
        </>
      );
    case "image":
      return (
        <>
          <Removed>
            <HeroImage image={change.before} />
          </Removed>
          <Arrow />
          <Added>
            <HeroImage image={change.after} />
          </Added>
        </>
      );
    case "list":
      return (
        <ul className="diff-chips">
          {change.added.map((item) => (
            <li key={`+${item}`}>
              <Added>+ {item}</Added>
            </li>
          ))}
          {change.removed.map((item) => (
            <li key={`-${item}`}>
              <Removed>− {item}</Removed>
            </li>
          ))}
        </ul>
      );
  }
}

function BodyLineView({ line }: { line: BodyLine }) {
  const className = `diff-line diff-${line.kind}`;
  if (line.change === "added") return <p className={className}><Added>{line.segments[0]!.text}</Added></p>;
  if (line.change === "removed") return <p className={className}><Removed>{line.segments[0]!.text}</Removed></p>;
  return (
    <p className={className}>
      <Segments segments={line.segments} />
    </p>
  );
}

/** The changed fields, then the whole body with its changes marked. */
export function RevisionComparison({ comparison }: { comparison: Comparison }) {
  const same = comparison.fields.length === 0 && comparison.body.every((line) => line.change === "same");
  if (same) return <p>No differences.</p>;
  return (
    <>
      {comparison.fields.length > 0 && (
        <dl className="diff-fields">
          {comparison.fields.map((change) => (
            <div key={change.field}>
              <dt>{change.label}</dt>
              <dd>
                <FieldValue change={change} />
              </dd>
            </div>
          ))}
        </dl>
      )}
      <h3>Body</h3>
      <div className="diff-body">
        {comparison.body.map((line, index) => (
          <BodyLineView key={index} line={line} />
        ))}
      </div>
    </>
  );
}
