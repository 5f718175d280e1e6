import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import type { TrendPoint } from '../../api';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { Formatters, useFormatters } from '../shared/format';

interface ChartPoint {
  day: string;
  all: number | null;
  production: number | null;
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

function toChartPoints(trend: TrendPoint[]): ChartPoint[] {
  return trend.map(point => ({
    day: point.day,
    all: share(point.compliantClusters, point.clusters),
    production: share(
      point.compliantProductionClusters,
      point.productionClusters,
    ),
  }));
}

/** "75 % on 2025-03-01, 88 % on 2025-03-03"; one day is said once. */
function describeSeries(
  first: ChartPoint,
  last: ChartPoint,
  series: 'all' | 'production',
  { t, percent }: Formatters,
): string {
  const from = t('orgPage.trend.point', {
    percent: percent(first[series]),
    day: first.day,
  });
  return first.day === last.day
    ? from
    : t('orgPage.trend.twoPoints', {
        first: from,
        last: t('orgPage.trend.point', {
          percent: percent(last[series]),
          day: last.day,
        }),
      });
}

/** Where the trend went, in words: the caption, and all a screen reader gets. */
function describeTrend(points: ChartPoint[], formatters: Formatters): string {
  const first = points[0];
  const last = points[points.length - 1];
  return formatters.t('orgPage.trend.description', {
    production: describeSeries(first, last, 'production', formatters),
    all: describeSeries(first, last, 'all', formatters),
  });
}

/** Daily share of compliant clusters, production and overall. */
export function ComplianceTrendChart(props: { trend: TrendPoint[] }) {
  const theme = useTheme();
  const points = toChartPoints(props.trend);
  const formatters = useFormatters();
  const { t, number } = formatters;
  const formatShare = (value: unknown) =>
    typeof value === 'number'
      ? number(value, { maximumFractionDigits: 1 })
      : String(value);
  return (
    <InfoCard title={t('orgPage.trend.title')}>
      {points.length === 0 ? (
        <Typography variant="body2">{t('orgPage.trend.empty')}</Typography>
      ) : (
        <figure style={{ margin: 0 }}>
          <div aria-hidden>
            <ResponsiveContainer width="100%" height={280}>
              <LineChart data={points}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="day" />
                <YAxis
                  domain={[0, 100]}
                  unit=" %"
                  tickFormatter={formatShare}
                />
                <Tooltip formatter={formatShare} />
                <Legend />
                <Line
                  type="monotone"
                  dataKey="production"
                  name={t('orgPage.trend.productionSeries')}
                  stroke={theme.palette.primary.main}
                  strokeWidth={2}
                  connectNulls
                  isAnimationActive={false}
                />
                <Line
                  type="monotone"
                  dataKey="all"
                  name={t('orgPage.trend.allSeries')}
                  stroke={theme.palette.text.secondary}
                  strokeDasharray="5 5"
                  connectNulls
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          </div>
          <Typography
            variant="caption"
            component="figcaption"
            color="textSecondary"
          >
            {describeTrend(points, formatters)}
          </Typography>
        </figure>
      )}
    </InfoCard>
  );
}
