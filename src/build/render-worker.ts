/** Worker-thread entry for batch builds (piscina): each worker keeps its own theme and font caches. */
import { runRenderTask, type RenderTask, type RenderTaskResult } from './render-task.js';

export default function render(task: RenderTask): Promise<RenderTaskResult> {
  return runRenderTask(task);
}
