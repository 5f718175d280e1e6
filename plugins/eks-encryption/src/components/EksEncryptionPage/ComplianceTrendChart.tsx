import { Card, CardBody, CardHeader, Text } from '@backstage/ui';
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
import { memo, useMemo } from 'react';
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

/**
 * Series and axes take the theme's text colour through `currentColor` (SVG
 * attributes cannot read CSS variables reliably); the series differ by dash
 * and weight, not by colour alone.
 */
const CHART_STYLE = {
  color: 'var(--bui-fg-primary)',
  fontSize: 'var(--bui-font-size-2)',
} as const;
const AXIS_TICK = { fill: 'currentColor' } as const;
const TOOLTIP_STYLE = {
  background: 'var(--bui-bg-neutral-1)',
  border: '1px solid var(--bui-border-2)',
  color: 'var(--bui-fg-primary)',
} as const;

/**
 * Daily share of compliant clusters, production and overall. Memoized: the
 * chart is costly to draw, and the tables loading must not draw it again.
 */
export const ComplianceTrendChart = memo(function TrendChart(props: {
  trend: TrendPoint[];
}) {
  const points = useMemo(() => toChartPoints(props.trend), [props.trend]);
  const formatters = useFormatters();
  const { t, number } = formatters;
  const formatShare = (value: unknown) =>
    typeof value === 'number'
      ? number(value, { maximumFractionDigits: 1 })
      : String(value);
  return (
    <Card>
      <CardHeader>
        <Text as="h2" variant="title-small" weight="bold">
          {t('orgPage.trend.title')}
        </Text>
      </CardHeader>
      <CardBody>
        {points.length === 0 ? (
          <Text as="p" variant="body-medium">
            {t('orgPage.trend.empty')}
          </Text>
        ) : (
          <figure style={{ margin: 0 }}>
            <div aria-hidden style={CHART_STYLE}>
              <ResponsiveContainer width="100%" height={280}>
                <LineChart data={points}>
                  <CartesianGrid
                    strokeDasharray="3 3"
                    stroke="currentColor"
                    strokeOpacity={0.2}
                  />
                  <XAxis dataKey="day" stroke="currentColor" tick={AXIS_TICK} />
                  <YAxis
                    domain={[0, 100]}
                    unit=" %"
                    stroke="currentColor"
                    tick={AXIS_TICK}
                    tickFormatter={formatShare}
                  />
                  <Tooltip
                    formatter={formatShare}
                    contentStyle={TOOLTIP_STYLE}
                  />
                  <Legend />
                  <Line
                    type="monotone"
                    dataKey="production"
                    name={t('orgPage.trend.productionSeries')}
                    stroke="currentColor"
                    strokeWidth={3}
                    connectNulls
                    isAnimationActive={false}
                  />
                  <Line
                    type="monotone"
                    dataKey="all"
                    name={t('orgPage.trend.allSeries')}
                    stroke="currentColor"
                    strokeOpacity={0.7}
                    strokeDasharray="5 5"
                    connectNulls
                    isAnimationActive={false}
                  />
                </LineChart>
              </ResponsiveContainer>
            </div>
            <figcaption>
              <Text as="span" variant="body-small">
                {describeTrend(points, formatters)}
              </Text>
            </figcaption>
          </figure>
        )}
      </CardBody>
    </Card>
  );
});
