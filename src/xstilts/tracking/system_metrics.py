"""MLflow's system metrics (CPU, memory, disk, network via psutil; GPU via nvidia-ml-py),
delivered through the stage run so that they reach the spool too.

`mlflow.start_run(log_system_metrics=True)` runs the same collectors, but its thread asks the
server for the run's status at every sample, stops for good at the first failed call, and
writes straight to the server: samples taken while the server is down would be lost. This
keeps MLflow's collectors, interval and environment variables
(`MLFLOW_SYSTEM_METRICS_SAMPLING_INTERVAL`, `MLFLOW_SYSTEM_METRICS_SAMPLES_BEFORE_LOGGING`,
`MLFLOW_SYSTEM_METRICS_NODE_ID`) and replaces only the loop and the delivery.

Imports mlflow at module level: stage.py imports this module only when a run starts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from mlflow.system_metrics.system_metrics_monitor import SystemMetricsMonitor

from xstilts.tracking.gpu import GpuUsage

_logger = logging.getLogger(__name__)

Publish = Callable[[Mapping[str, float], int], None]


class SystemMetricsSampler(SystemMetricsMonitor):
    """Samples in a daemon thread and hands each aggregate to `publish(metrics, step)`."""

    def __init__(self, publish: Publish, tracking_uri: str, gpu_usage: GpuUsage | None) -> None:
        # MLflow's constructor picks the collectors and reads the environment variables; the
        # run id and URI feed only its own delivery, which this class replaces. The URI is the
        # run's own so that no other store gets opened.
        super().__init__(run_id=None, tracking_uri=tracking_uri)
        self._publish = publish
        self._gpu_usage = gpu_usage

    def monitor(self) -> None:
        samples = 0
        try:
            while True:
                stopping = self._shutdown_event.is_set()
                self.collect_metrics()
                if self._gpu_usage is not None:
                    self._gpu_usage.sample()  # peak GPU memory rides on the same clock
                samples += 1
                # Publish on MLflow's cadence, and once more on the way out so that even a stage
                # shorter than one interval has its system metrics.
                if stopping or samples >= self.samples_before_logging:
                    self.publish_metrics(self.aggregate_metrics())
                    samples = 0
                if stopping:
                    return
                self._shutdown_event.wait(self.sampling_interval)
        except Exception:
            _logger.debug("system metrics sampling stopped", exc_info=True)

    def publish_metrics(self, metrics: Mapping[str, float]) -> None:
        prefix = self._metrics_prefix + (f"{self.node_id}/" if self.node_id else "")
        self._publish({prefix + k: v for k, v in metrics.items()}, self._logging_step)
        self._logging_step += 1
        for collector in self.monitors:
            collector.clear_metrics()

    def finish(self) -> None:
        """Stop sampling; the last sample is published before this returns."""
        if self._process is None:
            return
        self._shutdown_event.set()
        self._process.join()
        self._process = None
