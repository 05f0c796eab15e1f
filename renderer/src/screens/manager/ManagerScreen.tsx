import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Message } from '../../components/Field';
import { useManagerStore } from '../../state/manager-state';
import { CashiersTab } from './CashiersTab';
import { ConnectionTab } from './ConnectionTab';
import { CountersTab } from './CountersTab';
import { HelpTab } from './HelpTab';
import { IntegrationsTab } from './IntegrationsTab';
import { ItemsTab } from './items/ItemsTab';
import { OverridesNotice } from './OverridesNotice';
import { PinRecoveryNotice, SetPinForm, UnlockForm } from './PinForms';
import { PreferencesTab } from './PreferencesTab';
import { SetAsideNotice } from './SetAsideNotice';
import { StoreTab } from './StoreTab';
import { TaxTab } from './TaxTab';

const TABS = [
  { id: 'counters', label: 'Counters' },
  { id: 'items', label: 'Items' },
  { id: 'tax', label: 'Tax' },
  { id: 'cashiers', label: 'Cashiers' },
  { id: 'connection', label: 'Zoho connection' },
  { id: 'preferences', label: 'Preferences' },
  { id: 'store', label: 'Store' },
  { id: 'integrations', label: 'Integrations' },
  { id: 'help', label: 'Help' },
] as const;
type TabId = (typeof TABS)[number]['id'];

function ManagerTabs() {
  const [tab, setTab] = useState<TabId>('counters');
  const lock = useManagerStore((s) => s.lock);
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    let next = index;
    if (event.key === 'ArrowRight') next = (index + 1) % TABS.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + TABS.length) % TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = TABS.length - 1;
    else return;
    event.preventDefault();
    const target = TABS[next];
    if (!target) return;
    setTab(target.id);
    tabRefs.current[target.id]?.focus();
  };

  return (
    <div className="screen screen-manager">
      <div className="screen-bar">
        <h1 className="screen-title">Manager</h1>
        <div className="manager-tabs" role="tablist" aria-label="Manager sections">
          {TABS.map((t, index) => (
            <button
              key={t.id}
              ref={(el) => {
                tabRefs.current[t.id] = el;
              }}
              id={`tab-${t.id}`}
              type="button"
              role="tab"
              className="manager-tab"
              aria-selected={tab === t.id}
              aria-controls={`panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => setTab(t.id)}
              onKeyDown={(e) => onTabKey(e, index)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <button type="button" className="btn btn-secondary" onClick={() => void lock()}>
          Lock
        </button>
      </div>
      <OverridesNotice />
      <SetAsideNotice />
      <div id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} className="manager-tab-panel">
        {tab === 'counters' ? <CountersTab /> : null}
        {tab === 'items' ? <ItemsTab /> : null}
        {tab === 'tax' ? <TaxTab /> : null}
        {tab === 'cashiers' ? <CashiersTab /> : null}
        {tab === 'connection' ? <ConnectionTab /> : null}
        {tab === 'preferences' ? <PreferencesTab /> : null}
        {tab === 'store' ? <StoreTab /> : null}
        {tab === 'integrations' ? <IntegrationsTab /> : null}
        {tab === 'help' ? <HelpTab /> : null}
      </div>
    </div>
  );
}

export function ManagerScreen() {
  const pinStatus = useManagerStore((s) => s.pinStatus);
  const token = useManagerStore((s) => s.token);
  const statusError = useManagerStore((s) => s.statusError);

  useEffect(() => {
    void useManagerStore.getState().loadStatus();
  }, []);

  if (token) return <ManagerTabs />;
  return (
    <div className="screen screen-manager screen-centered">
      {statusError ? <Message kind="error">{statusError}</Message> : null}
      {pinStatus === null && !statusError ? <p className="loading">Loading…</p> : null}
      {pinStatus?.pin === 'not_set' ? <SetPinForm reset={null} /> : null}
      {pinStatus?.pin === 'reset' ? <SetPinForm reset={pinStatus.reset} /> : null}
      {pinStatus?.pin === 'set' ? <UnlockForm /> : null}
      {pinStatus?.pin === 'needs_recovery' ? <PinRecoveryNotice message={pinStatus.message ?? ''} /> : null}
    </div>
  );
}
