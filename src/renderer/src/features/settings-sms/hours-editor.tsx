import { weekdayNames, type WeeklySchedule } from '../../../../shared/hours/weekly-schedule';

interface Props {
  schedule: WeeklySchedule;
  onChange(schedule: WeeklySchedule): void;
}

/** One opening per day: the common case for a gym front desk, simple to read at a glance. */
export function HoursEditor({ schedule, onChange }: Props) {
  const setDay = (day: number, value: WeeklySchedule[number]) => onChange(schedule.map((d, i) => (i === day ? value : d)));
  return (
    <fieldset>
      <legend>Available SMS Hours</legend>
      <p className="hint">Mass texts and Autopilot only go out inside these hours. Replies and signup messages are not held back.</p>
      <table className="hours">
        <tbody>
          {weekdayNames.map((name, day) => {
            const opening = schedule[day]?.[0];
            return (
              <tr key={name}>
                <th scope="row">
                  <label className="check">
                    <input type="checkbox" checked={Boolean(opening)} onChange={(e) => setDay(day, e.target.checked ? [{ start: '09:00', end: '17:00' }] : [])} />
                    {name}
                  </label>
                </th>
                <td>
                  {opening ? (
                    <span className="row">
                      <input type="time" aria-label={`${name} from`} value={opening.start} onChange={(e) => setDay(day, [{ ...opening, start: e.target.value }])} />
                      <span>to</span>
                      <input type="time" aria-label={`${name} until`} value={opening.end} onChange={(e) => setDay(day, [{ ...opening, end: e.target.value }])} />
                    </span>
                  ) : (
                    <span className="muted">No texts</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}
