import sharp from "sharp";
import { PAGINATION } from "./fixtures/pagination";
import { EDITOR, signIn } from "./fixtures/sign-in";
import { expect, test, uniqueSuffix } from "./fixtures/stories";

// The media library as an editor uses it: an upload that shows its progress, the words of an
// image edited after upload (refused next to the field when the alt text is missing), and the
// story's picker finding any image of the whole library by its file name or its words, a page at
// a time. The image is the test's own; the 130 "Pagination fixture image" rows are
// e2e/fixtures/pagination.ts's.

const photo = () => sharp({ create: { width: 1600, height: 900, channels: 3, background: "#2f6f4f" } }).jpeg().toBuffer();

test("an editor uploads with a progress bar and edits the image's words after upload", async ({ page }) => {
  const fileName = `IMG_quayside${uniqueSuffix()}.jpg`;
  await signIn(page, EDITOR);
  await page.goto("/editor/media");

  // The answer is held back until the bar has been seen. (Held requests report no upload
  // progress in Chromium: the percentages are components/editor/upload-image.test.ts's.)
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/admin/media", async (route) => {
    if (route.request().method() === "POST") await held;
    await route.continue();
  });
  await page.getByLabel("Image file").setInputFiles({ name: fileName, mimeType: "image/jpeg", buffer: await photo() });
  await page.getByLabel("Alt text (required)").fill("Crates on a quay");
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  const bar = page.getByRole("progressbar", { name: "Upload progress" });
  await expect(bar).toBeVisible();
  await expect(page.getByRole("button", { name: "Upload", exact: true })).toBeDisabled();
  release();
  await expect(page.getByRole("status").filter({ hasText: "Uploaded." })).toBeVisible();
  await expect(bar).toHaveCount(0);
  await page.unroute("**/api/admin/media");

  // Its words, edited on its page: the alt text is required.
  await page.getByRole("link", { name: "Edit, see where it is used, or delete: Crates on a quay" }).first().click();
  await expect(page.getByRole("definition").filter({ hasText: fileName })).toBeVisible();
  const alt = page.getByLabel("Alt text (required)");
  await alt.fill("   ");
  await page.getByRole("button", { name: "Save alt text, caption and credit" }).click();
  await expect(page.getByText("Describe the image for people who cannot see it")).toBeVisible();
  await expect(alt).toHaveAttribute("aria-invalid", "true");
  const newAlt = `Fish crates stacked at dawn, ${uniqueSuffix()}`;
  await alt.fill(newAlt);
  await page.getByLabel("Caption").fill("The first boats came in at five.");
  await page.getByLabel("Credit").fill("Photo: Ines Marlow");
  await page.getByRole("button", { name: "Save alt text, caption and credit" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: newAlt })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "The first boats came in at five. Photo: Ines Marlow" })).toBeVisible();
});

test("the story's picker finds any image of the whole library by its file name or words, a page at a time", async ({ page, baseURL }) => {
  const word = `wharf${uniqueSuffix()}`;
  const newAlt = `Fish crates stacked at dawn, ${uniqueSuffix()}`;
  await signIn(page, EDITOR);
  const uploaded = await page.request.post("/api/admin/media", {
    headers: { Origin: baseURL! },
    multipart: { file: { name: `IMG_${word}.jpg`, mimeType: "image/jpeg", buffer: await photo() }, alt: newAlt, credit: "Photo: Ines Marlow" },
  });
  expect(uploaded.status()).toBe(201);

  // The story's picker searches the whole library: by the file name's parts (nothing else has the word)…
  await page.goto("/editor/stories/new");
  await page.getByText("Media library", { exact: true }).click();
  const picker = page.locator(".hero-picker .media-choices");
  const choices = picker.getByRole("list", { name: "Images in the media library" }).getByRole("button");
  await expect(choices.first()).toBeVisible();
  const search = picker.getByLabel("Search the media library");
  await search.fill(word.toUpperCase().slice(0, -2));
  await search.press("Enter");
  await expect(choices).toHaveText([newAlt]);
  // Enter in the search box searched; it did not send the story's form.
  await expect(page).toHaveURL(/\/editor\/stories\/new$/);
  // …and by words, 48 images a page, as deep as the library goes.
  await search.fill(PAGINATION.mediaAlt);
  await expect(choices).toHaveCount(48);
  await expect(choices.first()).toHaveText(`${PAGINATION.mediaAlt} ${PAGINATION.media}`);
  const more = picker.getByRole("button", { name: "More images" });
  await more.click();
  await expect(choices).toHaveCount(96);
  await more.click();
  await expect(choices).toHaveCount(PAGINATION.media);
  await expect(choices.last()).toHaveText(`${PAGINATION.mediaAlt} 001`);
  await expect(more).toHaveCount(0);

  // Choosing one makes it the hero, with the library's words as the story's.
  await search.fill(word);
  await expect(choices).toHaveText([newAlt]);
  await choices.first().click();
  await expect(page.getByLabel("Hero alt text (required)")).toHaveValue(newAlt);
  await expect(page.getByLabel("Hero credit")).toHaveValue("Photo: Ines Marlow");
});
