using System.Text;

namespace Reconciler.Runtime.Docker.Engine;

/// <summary>Keeps the last lines of a stream of text chunks, bounded in memory. Thread-safe.</summary>
internal sealed class OutputTail(int maxLines)
{
    private readonly Queue<string> _lines = new();
    private readonly StringBuilder _partial = new();
    private readonly Lock _gate = new();

    public void Append(string chunk)
    {
        lock (_gate)
        {
            foreach (var ch in chunk)
            {
                if (ch == '\n')
                {
                    Push(_partial.ToString().TrimEnd('\r'));
                    _partial.Clear();
                }
                else if (_partial.Length < 4096)
                {
                    _partial.Append(ch);
                }
            }
        }
    }

    public void AppendLine(string line)
    {
        lock (_gate)
        {
            Push(line);
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            var lines = _lines.ToList();
            if (_partial.Length > 0)
            {
                lines.Add(_partial.ToString());
            }

            return string.Join('\n', lines.Skip(Math.Max(0, lines.Count - maxLines)));
        }
    }

    private void Push(string line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > maxLines)
        {
            _lines.Dequeue();
        }
    }
}
