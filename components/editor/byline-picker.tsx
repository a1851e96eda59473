"use client";

import { useId } from "react";
import { FieldError } from "./field";

/** Ordered bylines: add from the list of authors, move up or down, remove. */
export function BylinePicker({
  authors,
  value,
  onChange,
  error,
  disabled,
}: {
  authors: { id: number; name: string }[];
  value: number[];
  onChange: (ids: number[]) => void;
  error?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const names = new Map(authors.map((author) => [author.id, author.name]));
  const move = (index: number, by: number) => {
    const next = [...value];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    onChange(next);
  };
  return (
    <fieldset className="field" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>Bylines</legend>
      {value.length > 0 && (
        <ol className="picked-list">
          {value.map((authorId, index) => {
            const name = names.get(authorId) ?? `Author #${authorId}`;
            return (
              <li key={authorId}>
                {name}{" "}
                <button type="button" className="link-button" disabled={disabled || index === 0} onClick={() => move(index, -1)}>
                  Up<span className="visually-hidden"> {name}</span>
                </button>{" "}
                <button type="button" className="link-button" disabled={disabled || index === value.length - 1} onClick={() => move(index, 1)}>
                  Down<span className="visually-hidden"> {name}</span>
                </button>{" "}
                <button type="button" className="link-button" disabled={disabled} onClick={() => onChange(value.filter((v) => v !== authorId))}>
                  Remove<span className="visually-hidden"> {name}</span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
      <label htmlFor={id} className="visually-hidden">
        Add a byline
      </label>
      <select
        id={id}
        value=""
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          const added = Number(event.target.value);
          if (added && !value.includes(added)) onChange([...value, added]);
        }}
      >
        <option value="">Add a byline…</option>
        {authors
          .filter((author) => !value.includes(author.id))
          .map((author) => (
            <option key={author.id} value={author.id}>
              {author.name}
            </option>
          ))}
      </select>
      <FieldError id={`${id}-error`} error={error} />
    </fieldset>
  );
}
