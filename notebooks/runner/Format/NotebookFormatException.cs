namespace FaceNet2ExpNet.Notebooks.Format;

/// <summary>A notebook file that cannot be read or run: the message names the file and what is wrong.</summary>
public sealed class NotebookFormatException(string message) : Exception(message);
