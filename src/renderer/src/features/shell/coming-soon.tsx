import type { Area } from '../../stores/ui-store';
import { areaDescriptions } from './area-descriptions';

export function ComingSoon({ area }: { area: Area }) {
  return (
    <section className="panel" aria-labelledby="area-title">
      <h1 id="area-title">{area}</h1>
      <p>{areaDescriptions[area]}</p>
      <p className="muted">This part of SMS Desk is not built yet.</p>
    </section>
  );
}
