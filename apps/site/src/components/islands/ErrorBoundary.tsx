// One error boundary per island: a broken island shows what went wrong and the rest of the
// page keeps working.
import { Component, type ComponentChildren } from 'preact';

interface Props {
  label: string;
  children: ComponentChildren;
}

export class ErrorBoundary extends Component<Props, { error: string | null }> {
  state = { error: null as string | null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  componentDidCatch(error: unknown) {
    // Keep the stack for whoever debugs it; the reader gets the message box below.
    console.warn(`i2dl: the ${this.props.label} stopped working`, error);
  }

  render() {
    if (this.state.error) {
      return (
        <div class="error-box" role="alert">
          The {this.props.label} stopped working: {this.state.error}. The rest of the page still works; reloading may
          help.
        </div>
      );
    }
    return this.props.children;
  }
}
