/** Locale-aware formatting of the numbers, sizes, durations and dates the screens show. */
export type Language = 'pt-BR' | 'en';

export interface Formatters {
  number(value: number): string;
  /** A 0..1 fraction as a whole percentage ("87%"). */
  percent(fraction: number): string;
  /** A 0..1 fraction with one decimal ("87.5%"), for accuracies. */
  percentPrecise(fraction: number): string;
  bytes(value: number): string;
  /** Seconds as "1 h 05 min", "2 min 10 s" or "40 s". */
  duration(seconds: number): string;
  dateTime(iso: string): string;
  /** Items per second with one decimal below 10. */
  rate(perSecond: number): string;
}

export function createFormatters(language: Language): Formatters {
  const whole = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
  const percentPrecise = new Intl.NumberFormat(language, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'medium' });
  return {
    number: (value) => whole.format(value),
    percent: (fraction) => percent.format(fraction),
    percentPrecise: (fraction) => percentPrecise.format(fraction),
    bytes(value) {
      const units = ['B', 'KB', 'MB', 'GB', 'TB'];
      let size = value;
      let unit = 0;
      while (size >= 1024 && unit < units.length - 1) {
        size /= 1024;
        unit += 1;
      }
      return `${unit === 0 ? whole.format(size) : oneDecimal.format(size)} ${units[unit]}`;
    },
    duration(seconds) {
      const total = Math.max(0, Math.round(seconds));
      const h = Math.floor(total / 3600);
      const m = Math.floor((total % 3600) / 60);
      const s = total % 60;
      if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
      if (m > 0) return `${m} min ${String(s).padStart(2, '0')} s`;
      return `${s} s`;
    },
    dateTime(iso) {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
    },
    rate: (perSecond) => (perSecond < 10 ? oneDecimal : whole).format(perSecond),
  };
}
