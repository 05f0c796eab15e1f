import { Message } from '../../components/Field';
import { navigate, useAppStore } from '../../state/app-state';

/** First thing at a new station: which counter (and so which terminal) is this? */
export function CounterPicker({ onChosen }: { onChosen?: () => void }) {
  const allCounters = useAppStore((s) => s.counters);
  const counters = allCounters.filter((c) => c.active);
  const loaded = useAppStore((s) => s.countersLoaded);
  const current = useAppStore((s) => s.stationCounterId);
  const choose = useAppStore((s) => s.chooseCounter);
  const claimError = useAppStore((s) => s.claimError);
  const store = useAppStore((s) => s.store);
  const heldBy = (counterId: string) => store?.claims.find((claim) => claim.counterId === counterId && !claim.thisStation)?.stationName ?? null;

  return (
    <section className="panel counter-picker" aria-labelledby="picker-title">
      <h1 id="picker-title">Which counter is this?</h1>
      <p className="lead">Choose the counter this computer stands at. Its payments go to that counter’s card/UPI terminal. This station remembers the choice.</p>
      {!loaded ? <p>Loading counters…</p> : null}
      {loaded && counters.length === 0 ? (
        <p>
          No counters are set up yet. A manager can add them under{' '}
          <a
            href="#/manager"
            onClick={(event) => {
              event.preventDefault();
              navigate('manager');
            }}
          >
            Manager
          </a>
          .
        </p>
      ) : null}
      {claimError ? <Message kind="error">{claimError}</Message> : null}
      <ul className="counter-picker-list">
        {counters.map((counter) => (
          <li key={counter.id}>
            <button
              type="button"
              className={`counter-picker-choice${counter.id === current ? ' counter-picker-current' : ''}`}
              aria-pressed={counter.id === current}
              onClick={() => {
                void choose(counter.id).then((chosen) => {
                  if (chosen) onChosen?.();
                });
              }}
            >
              <span className="counter-picker-name">{counter.name}</span>
              <span className="counter-picker-terminal">Terminal {counter.terminalId}</span>
              {heldBy(counter.id) ? <span className="counter-picker-held">In use at {heldBy(counter.id)}</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
