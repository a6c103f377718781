/**
 * 上传: many report files (and ZIP archives of them) dropped at once, each sent in its own request so
 * that each has its own progress; the server ingests them as the command line does and answers in
 * Chinese, with a glance at each report written.
 */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { ADMIN_COOKIE } from '../lib/admin-cookie';
import { formatFigure } from '../lib/format';
import { uploadLimits } from '../../scripts/serve/upload-limits';
import type { UploadResult } from '../../scripts/serve/upload-endpoint';

export const meta: MetaFunction = () => [{ title: '上传 · Nianbao 年报' }];

export function loader({ context }: LoaderFunctionArgs) {
  return { limits: context.uploadLimits ?? uploadLimits(), needsToken: context.writesNeedToken === true, accept: context.uploadAccept ?? '' };
}

const TOKEN_KEY = 'nianbao-admin-token';

interface Item {
  key: number;
  file: File;
  sent: number;
  state: 'waiting' | 'sending' | 'ingesting' | 'done' | 'failed';
  error?: string;
  results: UploadResult[];
}

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

function send(file: File, token: string, onSent: (fraction: number) => void): Promise<{ results?: UploadResult[]; error?: string }> {
  return new Promise((done) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/upload');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onSent(e.loaded / e.total);
    xhr.onload = () => {
      try {
        done(JSON.parse(xhr.responseText) as { results?: UploadResult[]; error?: string });
      } catch {
        done({ error: `服务器返回了无法识别的应答（HTTP ${xhr.status}）` });
      }
    };
    xhr.onerror = () => done({ error: '网络错误：上传中断' });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

function Result({ r }: { r: UploadResult }) {
  const g = r.report;
  return (
    <li className={`upload-result ${r.status}`} data-status={r.status}>
      <span className="name">{r.name}</span> <span className={r.status === 'failed' ? 'badge bad' : 'badge'}>{r.message}</span>
      {g && (
        <div className="glance">
          <Link to={`/reports/${g.id}`}>
            {g.jurisdiction ?? g.organ ?? '（单位未识别）'} · {g.year ?? '年度未识别'} 年
          </Link>{' '}
          <span className="muted">{g.template}</span>
          {g.incomplete.length > 0 && (
            <p className="badge bad" data-incomplete="1">
              报告不完整：{g.incomplete.join('；')}
            </p>
          )}
          <dl className="facts">
            {g.figures.map((f) => (
              <div key={f.label} style={{ display: 'contents' }}>
                <dt>{f.label}</dt>
                <dd>{f.value === null ? '—' : formatFigure(f.value)}</dd>
              </div>
            ))}
          </dl>
          {g.failedChecks.length > 0 ? (
            <ul className="warnings">
              {g.failedChecks.map((c, i) => (
                <li key={i}>
                  校验未通过：{c.label}（应为 {c.expected ?? '—'}，实为 {c.actual ?? '—'}）
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">表内校验全部通过</p>
          )}
        </div>
      )}
    </li>
  );
}

export default function Upload() {
  const { limits, needsToken, accept } = useLoaderData<typeof loader>();
  const [items, setItems] = useState<Item[]>([]);
  const [token, setToken] = useState('');
  const [over, setOver] = useState(false);
  const next = useRef(0);
  const busy = useRef(false);

  useEffect(() => setToken(sessionStorage.getItem(TOKEN_KEY) ?? ''), []);

  const update = (key: number, change: Partial<Item>) => setItems((all) => all.map((i) => (i.key === key ? { ...i, ...change } : i)));

  async function drain(queue: Item[]) {
    if (busy.current) return;
    busy.current = true;
    for (const item of queue) {
      if (item.state !== 'waiting') continue;
      update(item.key, { state: 'sending' });
      const answer = await send(item.file, token, (f) => update(item.key, { sent: f, state: f >= 1 ? 'ingesting' : 'sending' }));
      update(item.key, answer.results ? { state: 'done', sent: 1, results: answer.results, error: answer.error } : { state: 'failed', error: answer.error ?? '上传失败' });
    }
    busy.current = false;
  }

  function add(files: File[]) {
    const added: Item[] = files.map((file, n) => {
      const key = next.current++;
      const base: Item = { key, file, sent: 0, state: 'waiting', results: [] };
      if (n >= limits.files) return { ...base, state: 'failed', error: `一次最多上传 ${limits.files} 个文件，此文件未上传` };
      if (file.size > limits.fileBytes) return { ...base, state: 'failed', error: `文件过大（${mb(file.size)}），上限 ${mb(limits.fileBytes)}` };
      return base;
    });
    setItems((all) => [...added, ...all]);
    void drain(added);
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    add([...e.dataTransfer.files]);
  };

  return (
    <>
      <h1>上传年度报告</h1>
      <p className="muted">
        支持 txt、html、docx、pdf 文件及其 zip 压缩包；单个文件不超过 {mb(limits.fileBytes)}，一次最多 {limits.files} 个文件。
        相同的文件不会重复入库；同一单位同一年度的新文件取代旧版本，旧版本保留为历史。
      </p>
      {needsToken && (
        <p>
          <label>
            管理令牌{' '}
            <input
              type="text"
              name="token"
              autoComplete="off"
              value={token}
              onChange={(e) => {
                setToken(e.target.value);
                sessionStorage.setItem(TOKEN_KEY, e.target.value);
                // for the forms of other pages (corrections on a report page), which cannot send a header
                document.cookie = `${ADMIN_COOKIE}=${encodeURIComponent(e.target.value)}; path=/; SameSite=Strict`;
              }}
            />
          </label>
        </p>
      )}
      <label
        className={`dropzone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        把文件拖到这里，或点击选择文件
        <input
          type="file"
          name="files"
          multiple
          accept={accept || undefined}
          className="sr-only"
          onChange={(e) => {
            add([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
      </label>
      {items.length > 0 && (
        <ul className="uploads" aria-live="polite">
          {items.map((item) => (
            <li key={item.key} className="upload" data-file={item.file.name} data-state={item.state}>
              <div className="upload-head">
                <strong>{item.file.name}</strong> <span className="muted">{mb(item.file.size)}</span>{' '}
                <progress max={1} value={item.sent} aria-label={`${item.file.name} 上传进度`} />{' '}
                <span className="muted">
                  {{ waiting: '等待上传', sending: `上传中 ${Math.round(item.sent * 100)}%`, ingesting: '正在解析入库…', done: '完成', failed: '失败' }[item.state]}
                </span>
              </div>
              {item.error && <p className="badge bad">{item.error}</p>}
              {item.results.length > 0 && (
                <ul className="results">
                  {item.results.map((r, i) => (
                    <Result key={i} r={r} />
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
