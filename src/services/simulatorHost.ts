// The built-in simulator: a full FlightHub 2 organization inside the extension host on 127.0.0.1
// (random port). Loaded from its own bundle on first use so activation stays small and fast.
import { loadBundle } from '../core/lazyBundle';
import type { Simulator, SimulatorOptions } from '../simulator/simulator';

type SimulatorModule = { startSimulator(options?: SimulatorOptions): Promise<Simulator> };

export class SimulatorHost {
  private running: Promise<Simulator> | undefined;

  constructor(
    private readonly bundleDir: string,
    private readonly options: SimulatorOptions = {},
  ) {}

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** Starts the simulator once; later calls share it. */
  ensure(): Promise<Simulator> {
    this.running ??= this.start().catch((error: unknown) => {
      this.running = undefined;
      throw error;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    if (running) await (await running).stop();
  }

  private async start(): Promise<Simulator> {
    const mod = loadBundle<SimulatorModule>(this.bundleDir, 'simulatorLib.js');
    return mod.startSimulator({ seed: 'demo', host: '127.0.0.1', port: 0, ...this.options });
  }
}
