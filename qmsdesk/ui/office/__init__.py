"""The quality office's window (office mode): units, inbox, 上报情况, 指标对比, 整改跟踪, training and events, report."""
