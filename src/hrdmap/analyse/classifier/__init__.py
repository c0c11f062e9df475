"""The framework classifier: embedders, zero-shot prototypes, few-shot fitting, calibration, evidence, evaluation."""
