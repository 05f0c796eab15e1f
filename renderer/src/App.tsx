import { useEffect } from 'react';
import { DemoBanner, Header } from './components/Header';
import { Message } from './components/Field';
import { PrintArea } from './components/PrintArea';
import { navigate, routeFromHash, ROUTES, useAppStore } from './state/app-state';
import { startEvents } from './state/events';
import { keepBills } from './state/bill-keeper';
import { MANAGER_IDLE_LOCK_MS, useManagerStore } from './state/manager-state';
import { CounterScreen } from './screens/counter/CounterScreen';
import { DashboardScreen } from './screens/dashboard/DashboardScreen';
import { LogScreen } from './screens/log/LogScreen';
import { ManagerScreen } from './screens/manager/ManagerScreen';

/** Locks the manager screens after a while without a key press, click or touch. */
function useManagerAutoLock(): void {
  const unlocked = useManagerStore((s) => s.token !== null);
  useEffect(() => {
    if (!unlocked) return;
    const touch = () => useManagerStore.getState().touch();
    const events = ['keydown', 'pointerdown', 'wheel'] as const;
    for (const name of events) window.addEventListener(name, touch, { passive: true });
    const timer = setInterval(() => {
      const { lastActivity, lock } = useManagerStore.getState();
      if (Date.now() - lastActivity >= MANAGER_IDLE_LOCK_MS) void lock(`Locked after ${MANAGER_IDLE_LOCK_MS / 60_000} minutes without use. Enter the PIN to continue.`);
    }, 5_000);
    return () => {
      for (const name of events) window.removeEventListener(name, touch);
      clearInterval(timer);
    };
  }, [unlocked]);
}

export function App() {
  const route = useAppStore((s) => s.route);
  const appInfo = useAppStore((s) => s.appInfo);
  const loadError = useAppStore((s) => s.loadError);
  const transport = useAppStore((s) => s.transport);

  useEffect(() => {
    void useAppStore.getState().init();
    const stop = startEvents();
    const stopKeeping = keepBills();
    const onHash = () => useAppStore.getState().setRoute(routeFromHash(location.hash));
    window.addEventListener('hashchange', onHash);
    // Alt+1…4 switch screens from anywhere (also while typing: Alt+digit types nothing).
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const index = ['1', '2', '3', '4'].indexOf(event.key);
      const target = ROUTES[index];
      if (index < 0 || !target) return;
      event.preventDefault();
      navigate(target);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      stop();
      stopKeeping();
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  useManagerAutoLock();

  // Each screen gets a fresh document title, so a screen reader and the window list say where we are.
  useEffect(() => {
    const names = { counter: 'Counter', dashboard: 'Dashboard', log: 'Payment log', manager: 'Manager' } as const;
    document.title = `${names[route]} · Counter${appInfo?.mode === 'demo' ? ' (DEMO)' : ''}`;
  }, [route, appInfo?.mode]);

  return (
    <>
      <div className={`app${appInfo?.mode === 'demo' ? ' app-demo' : ''}`}>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <DemoBanner />
        <Header />
        {transport === 'lost' ? (
          <div className="transport-lost" role="alert">
            Lost contact with the Counter app: reconnecting… Payment status on screen may be out of date.
          </div>
        ) : null}
        <main id="main" className="app-main" tabIndex={-1}>
          {loadError ? (
            <div className="screen">
              <Message kind="error">
                Counter could not start: {loadError}{' '}
                <button type="button" className="btn btn-secondary" onClick={() => void useAppStore.getState().init()}>
                  Try again
                </button>
              </Message>
            </div>
          ) : !appInfo ? (
            <p className="loading screen">Starting…</p>
          ) : route === 'counter' ? (
            <CounterScreen />
          ) : route === 'dashboard' ? (
            <DashboardScreen />
          ) : route === 'log' ? (
            <LogScreen />
          ) : (
            <ManagerScreen />
          )}
        </main>
      </div>
      <PrintArea />
    </>
  );
}
