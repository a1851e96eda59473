import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FieldError, LabeledField, invalidProps } from "./field";

// Every newsroom field renders the markup the stylesheet and the screen-reader wiring expect:
// label, hint, control, then the error with the id the control points to.

describe("LabeledField", () => {
  it("renders label, hint, control and error in that order", () => {
    const html = renderToStaticMarkup(
      <LabeledField htmlFor="slug" label="Slug" hint="Lowercase." hintId="slug-hint" error="Taken" errorId="slug-error">
        <input id="slug" {...invalidProps("Taken", "slug-error")} />
      </LabeledField>,
    );
    expect(html).toBe(
      '<div class="field"><label for="slug">Slug</label><span id="slug-hint" class="hint">Lowercase.</span>' +
        '<input id="slug" aria-invalid="true" aria-describedby="slug-error"/><span id="slug-error" class="field-error">Taken</span></div>',
    );
  });

  it("leaves out what is not there", () => {
    const html = renderToStaticMarkup(
      <LabeledField htmlFor="deck" label="Deck" className="field correction">
        <textarea id="deck" {...invalidProps(undefined, "deck-error")} />
      </LabeledField>,
    );
    expect(html).toBe('<div class="field correction"><label for="deck">Deck</label><textarea id="deck"></textarea></div>');
  });
});

it("FieldError renders nothing without an error", () => {
  expect(renderToStaticMarkup(<FieldError id="x-error" />)).toBe("");
  expect(renderToStaticMarkup(<FieldError error="Required." />)).toBe('<span class="field-error">Required.</span>');
});
