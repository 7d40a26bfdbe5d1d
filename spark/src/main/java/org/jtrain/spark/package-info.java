/** Apache Spark as jtrain's distributed engine: sessions, reading data, MLlib fits of jtrain's models, cross-validation and MLlib model files. */
package org.jtrain.spark;
