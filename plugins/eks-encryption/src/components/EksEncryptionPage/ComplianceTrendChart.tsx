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
import { formatPercent } from '../shared/format';

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
): string {
  const from = `${formatPercent(first[series])} on ${first.day}`;
  return first.day === last.day
    ? from
    : `${from}, ${formatPercent(last[series])} on ${last.day}`;
}

/** Where the trend went, in words: the caption, and all a screen reader gets. */
function describeTrend(points: ChartPoint[]): string {
  const first = points[0];
  const last = points[points.length - 1];
  return `Production clusters compliant: ${describeSeries(
    first,
    last,
    'production',
  )}. All clusters: ${describeSeries(first, last, 'all')}.`;
}

/** Daily share of compliant clusters, production and overall. */
export function ComplianceTrendChart(props: { trend: TrendPoint[] }) {
  const theme = useTheme();
  const points = toChartPoints(props.trend);
  return (
    <InfoCard title="Compliance over time">
      {points.length === 0 ? (
        <Typography variant="body2">
          No daily snapshots are stored yet.
        </Typography>
      ) : (
        <figure style={{ margin: 0 }}>
          <div aria-hidden>
            <ResponsiveContainer width="100%" height={280}>
              <LineChart data={points}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="day" />
                <YAxis domain={[0, 100]} unit=" %" />
                <Tooltip />
                <Legend />
                <Line
                  type="monotone"
                  dataKey="production"
                  name="Production clusters compliant"
                  stroke={theme.palette.primary.main}
                  strokeWidth={2}
                  connectNulls
                  isAnimationActive={false}
                />
                <Line
                  type="monotone"
                  dataKey="all"
                  name="All clusters compliant"
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
            {describeTrend(points)}
          </Typography>
        </figure>
      )}
    </InfoCard>
  );
}
