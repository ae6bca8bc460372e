"""Engines: what runs the pipeline over a stream of articles and stores the reports: the local
worker pool (``local``) and Ray Data on a cluster (``ray_data``). The per-article time limit both
use lives in :mod:`dateline.deadline`, below every layer, because the HTML reader needs it too.
"""
