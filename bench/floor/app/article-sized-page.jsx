import { ShareButton } from "./share-button";

// A page the size and shape of an article (about 50 KB of HTML in about 600 elements: navigation,
// headline, deck, a body of paragraphs with links, a list of related stories, a footer), made of
// fixed made-up words, with no data to fetch.
const WORDS = "council harbour ferry schedule residents evening vote budget repair bridge weather crews station market river".split(" ");
const words = (seed, count) => Array.from({ length: count }, (_, i) => WORDS[(seed * 7 + i * 5) % WORDS.length]).join(" ");
const range = (count) => Array.from({ length: count }, (_, i) => i);

export function ArticleSizedPage() {
  return (
    <>
      <header>
        <nav aria-label="Sections">
          <ul>{range(24).map((i) => <li key={i}><a href={`/section-${i}`}>Section {i}</a></li>)}</ul>
        </nav>
      </header>
      <main>
        <article>
          <h1>{words(1, 14)}</h1>
          <p>{words(2, 30)}</p>
          <ShareButton />
          {range(24).map((i) => (
            <p key={i}>
              {words(i, 60)} <a href={`/story-${i}`}>{words(i + 3, 4)}</a>.
            </p>
          ))}
        </article>
        <aside>
          <ul>
            {range(30).map((i) => (
              <li key={i}>
                <a href={`/related-${i}`}>
                  <span>{words(i, 8)}</span> <time dateTime="2026-12-01">1 December</time>
                </a>
              </li>
            ))}
          </ul>
        </aside>
      </main>
      <footer>
        <ul>{range(30).map((i) => <li key={i}><a href={`/page-${i}`}>Page {i}</a></li>)}</ul>
      </footer>
    </>
  );
}
