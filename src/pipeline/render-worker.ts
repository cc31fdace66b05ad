/** Worker thread entry for batch builds (workerpool): each worker keeps its own theme and font caches. */
import workerpool from 'workerpool';
import { runRenderTask } from './render-task.js';

workerpool.worker({ render: runRenderTask });
