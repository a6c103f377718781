import type { LinksFunction, MetaFunction } from '@remix-run/node';
import { Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useRouteError } from '@remix-run/react';
import { useNonce } from './lib/nonce';
import styles from './styles.css';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export const meta: MetaFunction = () => [{ title: 'Nianbao 年报 · 政府信息公开工作年度报告对比' }];

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <header className="top">
          <a className="brand" href="/">
            Nianbao 年报
          </a>
          <nav aria-label="主导航">
            <NavLink to="/" end>
              总览
            </NavLink>
            <NavLink to="/compare">对比</NavLink>
            <NavLink to="/reports">报告列表</NavLink>
            <NavLink to="/quality">数据质量</NavLink>
            <NavLink to="/similarity">雷同</NavLink>
            <NavLink to="/timeliness">及时性</NavLink>
            <NavLink to="/metrics">指标</NavLink>
            <NavLink to="/upload">上传</NavLink>
          </nav>
        </header>
        <main>{children}</main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <>
      <h1>{notFound ? '找不到这个页面或报告' : '出错了'}</h1>
      <p className="muted">
        {notFound ? '链接可能已失效，或该报告已被删除。' : '服务器处理请求时出错，请稍后重试；如果问题持续，请联系管理员。'}
      </p>
      <p>
        <a href="/">返回总览</a>
      </p>
    </>
  );
}
