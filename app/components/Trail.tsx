/** Where the view is in the hierarchy: 全国 › 省 › 市 › 县, each a link one level up. */
import { Link } from '@remix-run/react';

export function Trail({ trail, href, rootLabel }: { trail: { code: string; name: string }[]; href: (code: string | null) => string; rootLabel: string }) {
  return (
    <nav className="trail" aria-label="所在地区">
      <ol>
        <li>{trail.length ? <Link to={href(null)}>{rootLabel}</Link> : <span aria-current="page">{rootLabel}</span>}</li>
        {trail.map((t, i) => (
          <li key={t.code}>
            {i < trail.length - 1 ? <Link to={href(t.code)}>{t.name}</Link> : <span aria-current="page">{t.name}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
