// The small progress widget of the home page and the topic pages: the charts and a link to
// practice. It reads the saved progress only (no grading code).
import { useEffect } from 'preact/hooks';
import { progress, startProgress } from '../../lib/progress/store';
import { ErrorBoundary } from '../islands/ErrorBoundary';
import ProgressCharts, { type ProgressGroups } from './ProgressCharts';
import { ProgressNotice } from './ProgressPanel';

interface Props {
  groups: ProgressGroups;
  topic?: string;
  practiceHref: string;
}

function Widget({ groups, topic, practiceHref }: Props) {
  useEffect(() => startProgress(), []);
  return (
    <section class="progress-widget" aria-label="Your progress" data-progress-widget>
      <ProgressNotice />
      <ProgressCharts progress={progress.value} groups={groups} topic={topic} />
      <p>
        <a href={practiceHref}>{topic ? 'Practise this topic' : 'Practise by topic'}</a> — fresh variants, spaced
        review.
      </p>
    </section>
  );
}

export default function ProgressWidget(props: Props) {
  return (
    <ErrorBoundary label="progress widget">
      <Widget {...props} />
    </ErrorBoundary>
  );
}
