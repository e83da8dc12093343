"""Evaluation runners and metrics: concept recognition (:mod:`kgmed.eval.recognition`) and
diagnosis (:mod:`kgmed.eval.diagnosis`)."""
