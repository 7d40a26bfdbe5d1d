/** After the fit: how a classifier treats groups ({@code Fairness}) and how newer data has shifted ({@code Drift}). */
package org.jtrain.train.monitor;
