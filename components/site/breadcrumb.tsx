import Link from "next/link";

export interface Crumb {
  name: string;
  path: string;
}

/** The section path (News > U.S.), every level a link; the current level is marked. */
export function Breadcrumb({ trail, currentIsLast = false }: { trail: Crumb[]; currentIsLast?: boolean }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <ol>
        {trail.map((crumb, index) => (
          <li key={crumb.path}>
            <Link
              href={crumb.path}
              aria-current={currentIsLast && index === trail.length - 1 ? "page" : undefined}
            >
              {crumb.name}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
