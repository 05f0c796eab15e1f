import type { MouseEvent } from 'react';
import { connectionSummary } from '../format/connection';
import { storeLinkSummary } from '../format/store';
import { useAppStore, useStationCounter, navigate, ROUTES, ROUTE_LABELS, type Route } from '../state/app-state';

const SHORTCUT_KEYS: Record<Route, string> = { counter: 'Alt+1', dashboard: 'Alt+2', log: 'Alt+3', manager: 'Alt+4' };

export function DemoBanner() {
  const appInfo = useAppStore((s) => s.appInfo);
  const counter = useStationCounter();
  if (appInfo?.mode !== 'demo') return null;
  const terminalUrl = appInfo.simulatorUrl && counter ? `${appInfo.simulatorUrl}/terminal/${encodeURIComponent(counter.terminalId)}` : null;
  return (
    <div className="demo-banner" role="region" aria-label="Demo mode">
      <strong className="demo-tag">DEMO</strong>
      <span>Payments are simulated; no real money moves.</span>
      {terminalUrl && counter ? (
        <a className="demo-link" href={terminalUrl} target="_blank" rel="noopener noreferrer">
          Open the virtual terminal {counter.terminalId}
          <span className="visually-hidden"> (opens in a new window)</span>
          <span aria-hidden="true"> ↗</span>
        </a>
      ) : appInfo.simulatorUrl ? (
        <a className="demo-link" href={appInfo.simulatorUrl} target="_blank" rel="noopener noreferrer">
          Open the virtual terminals
          <span className="visually-hidden"> (opens in a new window)</span>
          <span aria-hidden="true"> ↗</span>
        </a>
      ) : null}
    </div>
  );
}

export function Header() {
  const route = useAppStore((s) => s.route);
  const connection = useAppStore((s) => s.connection);
  const counter = useStationCounter();
  const summary = connectionSummary(connection);
  const store = storeLinkSummary(useAppStore((s) => s.store));

  const go = (event: MouseEvent<HTMLAnchorElement>, target: Route) => {
    event.preventDefault();
    navigate(target);
  };

  return (
    <header className="app-header">
      <div className="header-brand">
        <span className="header-brand-mark" aria-hidden="true">
          ▣
        </span>
        Counter
      </div>
      <div className="header-station" aria-label="This station">
        {counter ? (
          <>
            <span className="header-station-name">{counter.name}</span>
            <span className="header-station-terminal">Terminal {counter.terminalId}</span>
          </>
        ) : (
          <span className="header-station-terminal">No counter chosen</span>
        )}
      </div>
      <div className={`connection-pill connection-pill-${summary.tone}`} role="status" aria-label="Zoho connection">
        <span className="connection-pill-dot" aria-hidden="true" />
        {summary.text}
      </div>
      {store ? (
        <div className={`connection-pill connection-pill-${store.tone}`} role="status" aria-label="Store link">
          <span className="connection-pill-dot" aria-hidden="true" />
          {store.text}
        </div>
      ) : null}
      <nav className="header-nav" aria-label="Screens">
        {ROUTES.map((r) => (
          <a
            key={r}
            href={`#/${r}`}
            className="header-nav-link"
            aria-current={route === r ? 'page' : undefined}
            aria-keyshortcuts={SHORTCUT_KEYS[r]}
            onClick={(event) => go(event, r)}
          >
            {ROUTE_LABELS[r]}
          </a>
        ))}
      </nav>
    </header>
  );
}
