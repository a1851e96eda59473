import { CopyLink } from "./copy-link";

/** Plain share URLs: no third-party script runs on our pages. */
export function shareTargets(url: string, headline: string) {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(headline);
  return [
    { name: "Facebook", href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { name: "X", href: `https://x.com/intent/post?url=${u}&text=${t}` },
    { name: "WhatsApp", href: `https://wa.me/?text=${encodeURIComponent(`${headline} ${url}`)}` },
    { name: "Telegram", href: `https://t.me/share/url?url=${u}&text=${t}` },
    { name: "Email", href: `mailto:?subject=${t}&body=${u}` },
  ];
}

export function ShareLinks({ url, headline }: { url: string; headline: string }) {
  return (
    <nav aria-label="Share this story" className="share">
      <ul>
        {shareTargets(url, headline).map((target) => (
          <li key={target.name}>
            <a
              href={target.href}
              {...(target.name === "Email" ? {} : { target: "_blank", rel: "noopener noreferrer" })}
            >
              {target.name}
              {target.name !== "Email" && <span className="visually-hidden"> (opens in a new tab)</span>}
            </a>
          </li>
        ))}
        <li>
          <CopyLink url={url} />
        </li>
      </ul>
    </nav>
  );
}
